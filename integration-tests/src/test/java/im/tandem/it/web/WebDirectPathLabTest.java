package im.tandem.it.web;

import static im.tandem.it.web.MessageTexts.concat;
import static im.tandem.it.web.MessageTexts.numbered;
import static im.tandem.it.web.MessageTexts.textsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import im.tandem.it.direct.DirectLab;
import im.tandem.it.lab.NatKind;
import im.tandem.it.web.ChatPanel.ShownMessage;

/**
 * Two web chat users, each in a headless Chromium inside a lab client's namespace behind a NAT of the lab, Openfire
 * with the plugin (its STUN server, the lab's coturn as TURN) on a lab host: the route each page shows is the one the
 * two NATs allow, every message arrives once and in order, and cutting UDP at one router mid-conversation moves it
 * to the server with nothing lost.
 */
@Tag("server")
@Tag("lab")
@Tag("external")
class WebDirectPathLabTest {
    /** Openfire's HTTP binding port on its lab host, which has no other server on it. */
    private static final String WEB_PORT = "7070";
    /** A browser starting in a namespace on a loaded machine, then the set-up of a data channel through NATs. */
    private static final Duration ROUTE_WITHIN = Duration.ofSeconds(45);
    /** Long enough that a session that UDP cannot carry has given up (its set-up limit is 30 s). */
    private static final Duration STAYS_ON_THE_SERVER_FOR = Duration.ofSeconds(35);
    /** The acknowledgement timeout (3 s) and the re-sending through the server. */
    private static final Duration FALLBACK = Duration.ofSeconds(20);
    private static final int MESSAGES = 3;

    private static DirectLab lab;

    @BeforeAll
    static void startLab() {
        Map<String, NatKind> clients = new LinkedHashMap<>();
        clients.put("open1", NatKind.NONE);
        clients.put("open2", NatKind.NONE);
        clients.put("port1", NatKind.PORT_RESTRICTED_CONE);
        clients.put("port2", NatKind.PORT_RESTRICTED_CONE);
        clients.put("sym1", NatKind.SYMMETRIC);
        clients.put("noudp1", NatKind.UDP_BLOCKED);
        lab = DirectLab.start(clients, Map.of("httpbind.enabled", "true", "httpbind.port.plain", WEB_PORT));
        lab.offerTurn();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "open1, open2, direct",
        "port1, port2, direct",
        "sym1, port1, relay",
        "noudp1, port1, server",
    })
    void thePagesShowTheRouteTheNatsAllowAndEveryMessageArrivesOnceInOrder(String clientA, String clientB,
                                                                           String route) throws Exception {
        String userA = "web" + clientA;
        String userB = "web" + clientB;
        lab.contacts(userA, userB);
        try (LabBrowser a = LabBrowser.start(lab, clientA, List.of(Chromium.SHOW_LOCAL_ADDRESSES));
             LabBrowser b = LabBrowser.start(lab, clientB, List.of(Chromium.SHOW_LOCAL_ADDRESSES))) {
            ChatPanel panelA = logIn(a, userA);
            ChatPanel panelB = logIn(b, userB);
            chat(a, lab.jid(userB));
            chat(b, lab.jid(userA));
            panelA.send("hello through the server");
            await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(panelB, lab.jid(userA)))
                    .equals(List.of("hello through the server")));
            if (route.equals("server")) {
                Thread.sleep(STAYS_ON_THE_SERVER_FOR.toMillis());
            } else {
                await().atMost(ROUTE_WITHIN).until(() -> route.equals(routeOf(panelA)) && route.equals(routeOf(panelB)));
            }
            List<String> fromA = numbered(userA, MESSAGES);
            List<String> fromB = numbered(userB, MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                panelA.send(fromA.get(i));
                panelB.send(fromB.get(i));
            }
            List<String> expectedAtB = concat(List.of("hello through the server"), fromA);
            await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(panelB, lab.jid(userA))).equals(expectedAtB)
                    && textsOf(from(panelA, lab.jid(userB))).equals(fromB));
            assertThat(from(panelB, lab.jid(userA)).subList(1, 1 + MESSAGES))
                    .allSatisfy(message -> assertThat(message.route()).isEqualTo(route));
            assertThat(from(panelA, lab.jid(userB))).allSatisfy(message -> assertThat(message.route()).isEqualTo(route));
            assertThat(routeOf(panelA)).isEqualTo(route);
        }
    }

    @Test
    void cuttingUdpMidConversationMovesItToTheServerWithNothingLost() throws Exception {
        lab.contacts("webcuta", "webcutb");
        try (LabBrowser a = LabBrowser.start(lab, "open1", List.of(Chromium.SHOW_LOCAL_ADDRESSES));
             LabBrowser b = LabBrowser.start(lab, "open2", List.of(Chromium.SHOW_LOCAL_ADDRESSES))) {
            ChatPanel panelA = logIn(a, "webcuta");
            ChatPanel panelB = logIn(b, "webcutb");
            String jidA = lab.jid("webcuta");
            chat(a, lab.jid("webcutb"));
            chat(b, jidA);
            panelA.send("before the cut");
            await().atMost(ROUTE_WITHIN).until(() -> "direct".equals(routeOf(panelA)));
            List<String> sent = new ArrayList<>(List.of("before the cut"));
            for (String text : numbered("direct", 2)) {
                panelA.send(text);
                sent.add(text);
            }
            await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(panelB, jidA)).equals(sent));
            try {
                lab.lab().cutUdp("open1");
                for (String text : numbered("during the cut", 3)) {
                    panelA.send(text);
                    sent.add(text);
                }
                await().atMost(FALLBACK).until(() -> "server".equals(routeOf(panelA)));
                await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(panelB, jidA)).equals(sent));
                panelA.send("after the fallback");
                sent.add("after the fallback");
                await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(panelB, jidA)).equals(sent));
                List<ShownMessage> shown = from(panelB, jidA);
                assertThat(shown.get(shown.size() - 1).route()).isEqualTo("server");
            } finally {
                lab.lab().restoreLink("open1");
            }
        }
    }

    private static ChatPanel logIn(LabBrowser browser, String user) {
        browser.browser.get("http://" + lab.server().host() + ":" + WEB_PORT + "/tandem/");
        ChatPanel panel = new ChatPanel(browser.browser);
        panel.logIn(lab.jid(user), DirectLab.password(user));
        return panel;
    }

    private static void chat(LabBrowser browser, String with) {
        browser.browser.executeScript("Tandem.chat(arguments[0])", with);
    }

    private static String routeOf(ChatPanel panel) {
        return panel.find(".conversation").getAttribute("data-route");
    }

    private static List<ShownMessage> from(ChatPanel panel, String jid) {
        return panel.messages().stream().filter(message -> message.from().equals(jid)).toList();
    }
}
