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
    /** The page's set-up limit (30 s) for a session that UDP cannot carry, and room for a loaded machine. */
    private static final Duration GIVES_UP_WITHIN = Duration.ofSeconds(45);
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

    /** Both public (direct) is the first half of {@link #cuttingUdpMidConversationMovesItToTheServerWithNothingLost}. */
    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "port1, port2, direct",
        "sym1, port1, relay",
        "noudp1, port1, server",
    })
    void thePagesShowTheRouteTheNatsAllowAndEveryMessageArrivesOnceInOrder(String clientA, String clientB,
                                                                           String route) throws Exception {
        String userA = "web" + clientA;
        String userB = "web" + clientB;
        lab.contacts(userA, userB);
        try (LabBrowser a = LabBrowser.start(lab, clientA);
             LabBrowser b = LabBrowser.start(lab, clientB)) {
            chatBothWaysOn(route, new Side(a, logIn(a, userA), userA), new Side(b, logIn(b, userB), userB));
        }
    }

    @Test
    void cuttingUdpMidConversationMovesItToTheServerWithNothingLost() throws Exception {
        lab.contacts("webcuta", "webcutb");
        try (LabBrowser a = LabBrowser.start(lab, "open1");
             LabBrowser b = LabBrowser.start(lab, "open2")) {
            ChatPanel panelA = logIn(a, "webcuta");
            ChatPanel panelB = logIn(b, "webcutb");
            String jidA = lab.jid("webcuta");
            chatBothWaysOn("direct", new Side(a, panelA, "webcuta"), new Side(b, panelB, "webcutb"));
            List<String> sent = new ArrayList<>(textsOf(from(panelB, jidA)));
            try {
                lab.lab().cutUdp("open1");
                for (String text : numbered("during the cut", 3)) {
                    panelA.send(text);
                    sent.add(text);
                }
                await().atMost(FALLBACK).until(() -> "server".equals(panelA.route()));
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

    /** The route each page shows with the reason it gives. */
    private record RoutesShown(String routeA, String reasonA, String routeB, String reasonB) {
        RoutesShown(ChatPanel a, ChatPanel b) {
            this(a.route(), a.routeReason(), b.route(), b.routeReason());
        }
    }

    /** One side of a conversation: its browser, its panel and its user. */
    private record Side(LabBrowser browser, ChatPanel panel, String user) {
    }

    /**
     * A writes first (through the server, which starts the session); once the pages show {@code route} (or, for
     * the server, once A has given up on a session), both write at once, and each message arrives once, in order, by
     * that route.
     */
    private static void chatBothWaysOn(String route, Side a, Side b) {
        String jidA = lab.jid(a.user());
        String jidB = lab.jid(b.user());
        await().atMost(ChatPanel.WAIT).until(() -> a.panel().presenceOf(jidB).orElse("").equals("available")
                && b.panel().presenceOf(jidA).orElse("").equals("available"));
        chat(a.browser(), jidB);
        chat(b.browser(), jidA);
        a.panel().send("hello through the server");
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(b.panel(), jidA))
                .equals(List.of("hello through the server")));
        if (route.equals("server")) {
            // The page that wrote first tries a session; once it has given up, the conversation stays put.
            await().atMost(GIVES_UP_WITHIN).until(() -> a.panel().routeReason().startsWith("no direct session"));
        } else {
            // A timeout names the routes the pages show and why, as their users would see them.
            await().atMost(ROUTE_WITHIN).until(() -> new RoutesShown(a.panel(), b.panel()),
                    shown -> shown.routeA().equals(route) && shown.routeB().equals(route));
        }
        List<String> fromA = numbered(a.user(), MESSAGES);
        List<String> fromB = numbered(b.user(), MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            a.panel().send(fromA.get(i));
            b.panel().send(fromB.get(i));
        }
        List<String> expectedAtB = concat(List.of("hello through the server"), fromA);
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(from(b.panel(), jidA)).equals(expectedAtB)
                && textsOf(from(a.panel(), jidB)).equals(fromB));
        assertThat(from(b.panel(), jidA).subList(1, 1 + MESSAGES))
                .allSatisfy(message -> assertThat(message.route()).isEqualTo(route));
        assertThat(from(a.panel(), jidB)).allSatisfy(message -> assertThat(message.route()).isEqualTo(route));
        assertThat(a.panel().route()).isEqualTo(route);
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

    private static List<ShownMessage> from(ChatPanel panel, String jid) {
        return panel.messages().stream().filter(message -> message.from().equals(jid)).toList();
    }
}
