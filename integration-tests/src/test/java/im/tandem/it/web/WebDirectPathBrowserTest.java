package im.tandem.it.web;

import static im.tandem.it.web.MessageTexts.concat;
import static im.tandem.it.web.MessageTexts.numbered;
import static im.tandem.it.web.MessageTexts.textsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.openqa.selenium.chrome.ChromeDriver;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.it.jingle.RawJingleIq;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.it.web.ChatPanel.ShownMessage;

/**
 * Two web chat users who are mutual contacts go direct over a WebRTC data channel negotiated with Jingle through the
 * Openfire under test, each in a headless Chromium of its own on this machine; a stranger is never offered a
 * session and is refused one; a desktop client stays on the server; and when the channel dies mid-conversation, the
 * conversation returns to the server with nothing lost, and goes direct again later.
 */
@Tag("server")
@Tag("external")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebDirectPathBrowserTest {
    /**
     * Shorter than the default 15 seconds, so that the test sees the new attempt after a lost path sooner (it waits
     * this long twice), and longer than the acknowledgement timeout (3 s), so that the messages around the cut are
     * all delivered before it.
     */
    private static final String RETRY_DELAY_MS = "5000";
    /** Setting up a data channel on one machine takes well under a second; this leaves room for a loaded one. */
    private static final Duration DIRECT_WITHIN = Duration.ofSeconds(40);
    /** The web chat's longest wait for its candidates (link.js), and a margin for a loaded machine. */
    private static final Duration LONGEST_GATHERING = Duration.ofSeconds(5);
    private static final Duration GATHERING_MARGIN = Duration.ofSeconds(2);
    /**
     * Installed into a page before its scripts run: the server's answers naming STUN and TURN servers (XEP-0215)
     * reach the page two seconds late, as from a busy server, so the page's own attempt is still asking for them when
     * the contact's offer comes.
     */
    private static final String SLOW_SERVERS_ANSWER = """
            (() => {
              const handler = Object.getOwnPropertyDescriptor(WebSocket.prototype, "onmessage");
              Object.defineProperty(WebSocket.prototype, "onmessage", { configurable: true, get: handler.get,
                set(receive) {
                  handler.set.call(this, function (event) {
                    if (String(event.data).includes("urn:xmpp:extdisco:2")) setTimeout(() => receive.call(this, event), 2000);
                    else receive.call(this, event);
                  });
                } });
            })();
            """;

    /**
     * Installed into a page before its scripts run: the page's first RTCPeerConnection never tells of a candidate nor
     * of the end of gathering, as behind a STUN server that does not answer, so the page sends that offer only after
     * its longest wait; later connections are left alone. And the Jingle actions the page sends are noted in order.
     */
    private static final String SLOW_FIRST_GATHERING = """
            (() => {
              const Native = window.RTCPeerConnection;
              let first = true;
              window.RTCPeerConnection = class extends Native {
                constructor(...options) {
                  super(...options);
                  if (!first) return;
                  first = false;
                  const listen = this.addEventListener.bind(this);
                  this.addEventListener = (type, ...rest) =>
                    type === "icecandidate" || type === "icegatheringstatechange" ? undefined : listen(type, ...rest);
                  Object.defineProperty(this, "iceGatheringState", { get: () => "gathering" });
                }
              };
              window.tandemTestJingleSent = [];
              const send = WebSocket.prototype.send;
              WebSocket.prototype.send = function (data) {
                const jingle = /<jingle [^>]*action="([^"]+)"/.exec(String(data));
                if (jingle) window.tandemTestJingleSent.push(jingle[1]);
                return send.call(this, data);
              };
            })();
            """;

    private static final WebChatPort PORT = WebChatPort.free();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(PORT.enable(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw")
            .user("dave", "dave-pw").user("frank", "frank-pw").user("gina", "gina-pw").user("hank", "hank-pw")
            .user("ivan", "ivan-pw").user("judy", "judy-pw").user("kate", "kate-pw").user("leo", "leo-pw"))
            .build());

    private static HostPage site;
    private static final List<ChromeDriver> BROWSERS = new ArrayList<>();
    private static WebUser alice;
    private static WebUser bob;
    private static WebUser carol;
    private static TandemClient frank;

    /** One person in a browser of its own, and the recorder of the page's peer connections. */
    private record WebUser(String jid, ChromeDriver browser, ChatPanel panel, PeerConnectionRecorder connections) {
        /** Opens the conversation through the page's API, which works for someone not on the roster too. */
        void chat(String with) {
            browser.executeScript("Tandem.chat(arguments[0])", with);
        }

        String route() {
            return panel.route();
        }

        /** The open conversation's route, and why, as the page tells its user. */
        String routeAndReason() {
            return jid + ": " + panel.route() + " (" + panel.routeReason() + ")";
        }

        /** Fails unless the open conversation's route is {@code expected}, naming the page's reason for the route. */
        void assertRoute(String expected) {
            assertThat(route()).as(routeAndReason()).isEqualTo(expected);
        }

        List<ShownMessage> messagesFrom(String from) {
            return panel.messages().stream().filter(message -> message.from().equals(from)).toList();
        }
    }

    @BeforeAll
    static void openTheSiteInThreeBrowsers() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        OPENFIRE.server().befriend("alice", "frank");
        OPENFIRE.server().befriend("alice", "leo");
        OPENFIRE.server().befriend("gina", "hank");
        OPENFIRE.server().befriend("ivan", "judy");
        site = HostPage.embedding(PORT.uri("/tandem/embed.js"), OPENFIRE.server().domain(),
                Map.of("data-direct-retry-delay", RETRY_DELAY_MS));
        alice = openAs("alice");
        bob = openAs("bob");
        carol = openAs("carol");
        frank = OPENFIRE.login("frank");
    }

    /** Opens the site in a browser of its own, with {@code pageScripts} installed before the page's own. */
    private static WebUser openAs(String name, String... pageScripts) throws Exception {
        ChromeDriver browser = Chromium.start(Files.createTempDirectory("tandem-chromium-" + name + "-"));
        BROWSERS.add(browser);
        PeerConnectionRecorder connections = PeerConnectionRecorder.install(browser);
        for (String script : pageScripts) {
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
        }
        browser.get(site.uri().toString());
        ChatPanel panel = new ChatPanel(browser);
        panel.open();
        panel.logIn(name, OPENFIRE.passwordOf(name));
        return new WebUser(name + "@" + OPENFIRE.server().domain(), browser, panel, connections);
    }

    /** Waits until each user's open conversation is direct; a timeout names every user's route and its reason. */
    private static void awaitDirect(WebUser... users) {
        await().atMost(DIRECT_WITHIN).untilAsserted(() -> assertThat(Stream.of(users).map(WebUser::route))
                .as(Stream.of(users).map(WebUser::routeAndReason).collect(Collectors.joining("; ")))
                .containsOnly("direct"));
    }

    @AfterAll
    static void closeEverything() {
        BROWSERS.forEach(ChromeDriver::quit);
        if (site != null) {
            site.close();
        }
        if (frank != null) {
            frank.close();
        }
    }

    @Test
    @Order(1)
    void mutualWebContactsGoDirectAndEveryMessageArrivesOnceAndInOrder() {
        await().atMost(ChatPanel.WAIT).until(() -> alice.panel().presenceOf(bob.jid()).orElse("").equals("available")
                && bob.panel().presenceOf(alice.jid()).orElse("").equals("available"));
        alice.panel().openConversation(bob.jid());
        bob.panel().openConversation(alice.jid());

        // Nothing waits for the direct path: the first message goes through the server and starts the session.
        alice.panel().send("first, through the server");
        await().atMost(ChatPanel.WAIT).until(() -> bob.messagesFrom(alice.jid()).size() == 1);
        assertThat(bob.messagesFrom(alice.jid()).get(0).route()).isEqualTo("server");
        awaitDirect(alice, bob);

        List<String> fromAlice = numbered("alice", 10);
        List<String> fromBob = numbered("bob", 5);
        for (int i = 0; i < fromAlice.size(); i++) {
            alice.panel().send(fromAlice.get(i));
            if (i < fromBob.size()) {
                bob.panel().send(fromBob.get(i));
            }
        }

        List<String> expectedAtBob = new ArrayList<>(List.of("first, through the server"));
        expectedAtBob.addAll(fromAlice);
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(bob.messagesFrom(alice.jid())).equals(expectedAtBob)
                && textsOf(alice.messagesFrom(bob.jid())).equals(fromBob));
        assertThat(bob.messagesFrom(alice.jid()).subList(1, 11)).allSatisfy(
                message -> assertThat(message.route()).isEqualTo("direct"));
        assertThat(alice.messagesFrom(bob.jid())).allSatisfy(message -> assertThat(message.route()).isEqualTo("direct"));
        // Every direct message was acknowledged end to end, which the sender shows as delivered.
        await().atMost(ChatPanel.WAIT).until(() -> alice.messagesFrom(alice.jid()).stream()
                .allMatch(message -> "received".equals(message.receipt())));
        assertThat(alice.messagesFrom(alice.jid()).subList(1, 11)).allSatisfy(
                message -> assertThat(message.route()).isEqualTo("direct"));
        // Bob acknowledged on the channel with counts (XEP-0198), the last one counting every message he took there.
        assertThat(bob.connections().acknowledgementsSent()).isSorted().last().isEqualTo((long) fromAlice.size());
    }

    @Test
    @Order(5)
    void messagesThatArriveTogetherAreAcknowledgedTogether() {
        alice.assertRoute("direct");
        int acknowledgements = bob.connections().acknowledgementsSent().size();
        int shownAtBob = bob.messagesFrom(alice.jid()).size();
        List<String> burst = numbered("at once", 5);
        alice.panel().sendAtOnce(burst);
        await().atMost(ChatPanel.WAIT).until(() -> alice.messagesFrom(alice.jid()).stream()
                .allMatch(message -> "received".equals(message.receipt())));
        List<ShownMessage> shown = bob.messagesFrom(alice.jid());
        assertThat(textsOf(shown.subList(shownAtBob, shown.size()))).containsExactlyElementsOf(burst);
        // An acknowledgement waits a tenth of a second for more messages, so one answers all five (two, should a busy
        // machine spread their arrival over more than that).
        assertThat(bob.connections().acknowledgementsSent().size() - acknowledgements).isBetween(1, 2);
        alice.assertRoute("direct");
    }

    @Test
    @Order(2)
    void aStrangerIsNeverOfferedASessionAndIsRefusedOne() throws Exception {
        long alicesBefore = alice.connections().made();
        carol.chat(alice.jid());
        int carolHad = carol.messagesFrom(alice.jid()).size();
        carol.panel().send("hello, we have not met");
        alice.chat(carol.jid());
        alice.panel().send("hello, stranger");
        carol.panel().send("still here");
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(alice.messagesFrom(carol.jid()))
                .equals(List.of("hello, we have not met", "still here"))
                && textsOf(carol.messagesFrom(alice.jid())).subList(carolHad, carol.messagesFrom(alice.jid()).size())
                .equals(List.of("hello, stranger")));
        // Both would have started an attempt on their first message; with a stranger neither makes a connection.
        Thread.sleep(2000);
        assertThat(carol.connections().made()).isZero();
        assertThat(alice.connections().made()).isEqualTo(alicesBefore);
        assertThat(alice.messagesFrom(carol.jid())).allSatisfy(message -> assertThat(message.route()).isEqualTo("server"));
        // Nor does either learn from a receipt that the other is online: receipts go only to those who may see one's
        // presence.
        assertThat(carol.messagesFrom(carol.jid())).extracting(ShownMessage::receipt).containsOnlyNulls();
        assertThat(alice.messagesFrom(alice.jid())).extracting(ShownMessage::receipt).containsOnlyNulls();

        // An offer from someone not in her roster is refused as if no client were there, before any gathering.
        FullJid alicesResource = aliceAsFrankSeesHer();
        try (TandemClient dave = OPENFIRE.login("dave")) {
            RawJingleIq offer = new RawJingleIq(alicesResource, Map.of("action", "session-initiate",
                    "initiator", dave.connection().getUser().toString(), "sid", "stranger-offer"), """
                    <content creator='initiator' name='chat' senders='both'>
                    <description xmlns='urn:xmpp:jingle:apps:xmlstream:0'/>
                    <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='abcd' pwd='abcdefghijklmnopqrstuv'>
                    <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>\
                    AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99\
                    </fingerprint>
                    <sctp-port xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1'>5000</sctp-port>
                    <candidate component='1' foundation='1' generation='0' id='c0' ip='127.0.0.1' network='0'
                     port='40000' priority='2130706431' protocol='udp' type='host'/>
                    </transport></content>""");
            XMPPException.XMPPErrorException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    XMPPException.XMPPErrorException.class,
                    () -> dave.connection().sendIqRequestAndWaitForResponse(offer));
            assertThat(refused.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        }
        assertThat(alice.connections().made()).isEqualTo(alicesBefore);
    }

    @Test
    @Order(3)
    void aDesktopClientIsNotOfferedASessionAndDoesNotSeeTheWebChatAsOneOfItsOwn() throws Exception {
        long alicesBefore = alice.connections().made();
        List<IncomingMessage> toFrank = new java.util.concurrent.CopyOnWriteArrayList<>();
        frank.onMessage(toFrank::add);
        FullJid alicesResource = aliceAsFrankSeesHer();
        // The desktop client offers its own transport only to peers advertising it; the web chat does not.
        assertThat(frank.jingle().isTandemPeer(alicesResource)).isFalse();

        alice.chat(frank.jid().toString());
        alice.panel().send("to the desktop");
        alice.panel().send("still the server");
        await().atMost(ChatPanel.WAIT).until(() -> toFrank.size() == 2);
        Thread.sleep(2000);
        assertThat(alice.connections().made()).isEqualTo(alicesBefore);
        assertThat(alice.messagesFrom(alice.jid())).allSatisfy(message -> assertThat(message.route()).isEqualTo("server"));
    }

    /**
     * A contact whose browser has no WebRTC says nothing of data channels, starts no session and takes none: the
     * conversation stays on the server, with receipts, and each side's route says why.
     */
    @Test
    @Order(3)
    void aContactWhoseBrowserHasNoWebRtcChatsThroughTheServer() throws Exception {
        WebUser leo = openAs("leo", Chromium.WITHOUT_WEBRTC);
        await().atMost(ChatPanel.WAIT).until(() -> alice.panel().presenceOf(leo.jid()).orElse("").equals("available"));
        long alicesBefore = alice.connections().made();
        leo.chat(alice.jid());
        leo.panel().send("no WebRTC here");
        await().atMost(ChatPanel.WAIT).until(() -> leo.panel().routeReason().contains("this browser has no WebRTC"));
        alice.chat(leo.jid());
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(alice.messagesFrom(leo.jid()))
                .equals(List.of("no WebRTC here")));
        alice.panel().send("then through the server");
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(leo.messagesFrom(alice.jid()))
                .equals(List.of("then through the server"))
                && "received".equals(alice.messagesFrom(alice.jid()).get(0).receipt()));
        await().atMost(ChatPanel.WAIT).until(() -> alice.panel().routeReason()
                .contains("no resource of the contact said it can have a data channel"));
        assertThat(alice.connections().made()).isEqualTo(alicesBefore);
        alice.assertRoute("server");
        leo.assertRoute("server");
        assertThat(alice.messagesFrom(leo.jid()))
                .allSatisfy(message -> assertThat(message.route()).isEqualTo("server"));
    }

    /**
     * Openfire 4.2.0 answers a query to a client that has only just come online with service-unavailable, before it
     * has made the client's session routable; the page asks once more a moment later, and again at its next attempt,
     * rather than take a failed answer for "no data channels" for as long as that client stays online. The contact
     * here refuses the first two questions itself, which the page sees the same way.
     */
    @Test
    @Order(3)
    void aContactWhoseFeaturesCouldNotBeAskedIsAskedAgainSoonAndAtTheNextAttempt() throws Exception {
        OPENFIRE.server().befriend("alice", "kate");
        try (TandemClient kate = OPENFIRE.login("kate")) {
            AtomicInteger askedByAlice = new AtomicInteger();
            refuseFirstFeatureQuestionsFromAlice(kate.connection(), 2, askedByAlice);
            await().atMost(ChatPanel.WAIT).until(() -> alice.panel().presenceOf(kate.jid().toString()).orElse("")
                    .equals("available"));
            alice.chat(kate.jid().toString());
            alice.panel().send("to kate, whose features could not be asked");
            await().atMost(ChatPanel.WAIT).until(() -> askedByAlice.get() == 2);

            Thread.sleep(Long.parseLong(RETRY_DELAY_MS) + 500);
            alice.panel().send("to kate, once the retry delay has passed");
            await().atMost(ChatPanel.WAIT).until(() -> askedByAlice.get() == 3);
        }
    }

    /** Answers alice's first {@code refused} disco#info questions with service-unavailable, the others as before. */
    private static void refuseFirstFeatureQuestionsFromAlice(XMPPConnection connection, int refused,
                                                             AtomicInteger askedByAlice) {
        IQRequestHandler[] answering = new IQRequestHandler[1];
        answering[0] = connection.registerIQRequestHandler(new AbstractIqRequestHandler(DiscoverInfo.ELEMENT,
                DiscoverInfo.NAMESPACE, IQ.Type.get, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                if (request.getFrom().asBareJid().toString().equals(alice.jid())
                        && askedByAlice.incrementAndGet() <= refused) {
                    return IQ.createErrorResponse(request, StanzaError.Condition.service_unavailable);
                }
                return answering[0].handleIQRequest(request);
            }
        });
    }

    @Test
    @Order(4)
    void whenTheChannelDiesTheConversationReturnsToTheServerWithNothingLostAndGoesDirectAgainLater() {
        alice.chat(bob.jid());
        alice.assertRoute("direct");
        int shownAtBob = bob.messagesFrom(alice.jid()).size();
        int shownAtAlice = alice.messagesFrom(bob.jid()).size();

        List<String> fromAlice = numbered("alice, around the cut,", 10);
        for (int i = 0; i < fromAlice.size(); i++) {
            if (i == 5) {
                bob.connections().closeAll();
            }
            alice.panel().send(fromAlice.get(i));
        }
        List<String> fromBob = numbered("bob, after the cut,", 3);
        fromBob.forEach(text -> bob.panel().send(text));

        await().atMost(ChatPanel.WAIT).until(() -> textsOf(bob.messagesFrom(alice.jid())).subList(shownAtBob,
                bob.messagesFrom(alice.jid()).size()).equals(fromAlice));
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(alice.messagesFrom(bob.jid())).subList(shownAtAlice,
                alice.messagesFrom(bob.jid()).size()).equals(fromBob));
        alice.assertRoute("server");
        bob.assertRoute("server");
        List<ShownMessage> atBob = bob.messagesFrom(alice.jid());
        assertThat(atBob.subList(atBob.size() - 5, atBob.size()))
                .allSatisfy(message -> assertThat(message.route()).isEqualTo("server"));
        List<ShownMessage> atAlice = alice.messagesFrom(bob.jid());
        assertThat(atAlice.subList(atAlice.size() - 3, atAlice.size()))
                .allSatisfy(message -> assertThat(message.route()).isEqualTo("server"));

        // After the retry delay the next message goes through the server and starts a new session.
        await().pollDelay(Duration.ofMillis(Long.parseLong(RETRY_DELAY_MS) + 500)).atMost(ChatPanel.WAIT)
                .until(() -> true);
        alice.panel().send("later, through the server");
        awaitDirect(alice);
        alice.panel().send("direct again");
        await().atMost(ChatPanel.WAIT).until(() -> {
            List<ShownMessage> shown = bob.messagesFrom(alice.jid());
            return shown.size() >= 2 && shown.get(shown.size() - 1).text().equals("direct again");
        });
        List<ShownMessage> shown = bob.messagesFrom(alice.jid());
        assertThat(textsOf(shown.subList(shownAtBob, shown.size()))).containsExactlyElementsOf(concat(fromAlice,
                List.of("later, through the server", "direct again")));
        assertThat(shown.get(shown.size() - 1).route()).isEqualTo("direct");
    }

    @Test
    @Order(5)
    void whatIsNotOneMessageStanzaOnTheChannelIsDroppedAndTheConversationStaysDirect() {
        alice.assertRoute("direct");
        int shownAtBob = bob.messagesFrom(alice.jid()).size();
        alice.connections().sendBeforeNext(
                "<message xmlns='jabber:client' id='broken'><body>never closed",
                "just text",
                "<iq xmlns='jabber:client' type='get' id='q1'><ping xmlns='urn:xmpp:ping'/></iq>",
                "<message xmlns='jabber:client' id='one'><body>one</body></message>"
                        + "<message xmlns='jabber:client' id='two'><body>two</body></message>",
                "<message xmlns='urn:example:other' id='other'><body>elsewhere</body></message>");
        alice.panel().send("after the noise");
        await().atMost(ChatPanel.WAIT).until(() -> {
            List<ShownMessage> mine = alice.messagesFrom(alice.jid());
            return "received".equals(mine.get(mine.size() - 1).receipt());
        });
        List<ShownMessage> shown = bob.messagesFrom(alice.jid());
        assertThat(textsOf(shown.subList(shownAtBob, shown.size()))).containsExactly("after the noise");
        assertThat(shown.get(shown.size() - 1).route()).isEqualTo("direct");
        alice.assertRoute("direct");
        bob.assertRoute("direct");
    }

    @Test
    @Order(6)
    void aDirectMessageNotAcknowledgedInTimeGoesAgainThroughTheServerAndIsShownOnce() {
        alice.assertRoute("direct");
        int shownAtBob = bob.messagesFrom(alice.jid()).size();
        bob.connections().dropAcknowledgements(true);
        try {
            alice.panel().send("is anyone there?");
            // It arrives directly; its acknowledgement is lost, so after the acknowledgement timeout it goes again
            // through the server, with the same origin-id.
            await().atMost(ChatPanel.WAIT).until(() -> "server".equals(alice.route()));
            await().atMost(ChatPanel.WAIT).until(() -> {
                List<ShownMessage> mine = alice.messagesFrom(alice.jid());
                ShownMessage last = mine.get(mine.size() - 1);
                return "server".equals(last.route()) && "received".equals(last.receipt());
            });
        } finally {
            bob.connections().dropAcknowledgements(false);
        }
        List<ShownMessage> shown = bob.messagesFrom(alice.jid());
        assertThat(textsOf(shown.subList(shownAtBob, shown.size()))).containsExactly("is anyone there?");
        assertThat(shown.get(shown.size() - 1).route()).isEqualTo("direct");
    }

    /**
     * A contact whose acknowledgement counts more messages than it was sent is not believed: the session ends, and what
     * was on the channel goes again through the server.
     */
    @Test
    @Order(7)
    void anAcknowledgementOfMoreThanWasSentEndsTheSessionWithNothingLost() {
        // The lost acknowledgement before sent the conversation to the server; after the retry delay the next message
        // starts a new session.
        await().pollDelay(Duration.ofMillis(Long.parseLong(RETRY_DELAY_MS) + 500)).atMost(ChatPanel.WAIT)
                .until(() -> true);
        alice.panel().send("once more through the server");
        awaitDirect(alice, bob);
        int shownAtAlice = alice.messagesFrom(bob.jid()).size();
        bob.chat(alice.jid());
        bob.connections().sendBeforeNext("<a xmlns='urn:xmpp:sm:3' h='1000'/>");
        bob.panel().send("after a count that is wrong");

        await().atMost(ChatPanel.WAIT).until(() -> "server".equals(alice.route()));
        assertThat(alice.panel().routeReason()).contains("the contact acknowledged 1000 messages");
        await().atMost(ChatPanel.WAIT).until(() -> alice.messagesFrom(bob.jid()).size() > shownAtAlice);
        List<ShownMessage> shown = alice.messagesFrom(bob.jid());
        assertThat(textsOf(shown.subList(shownAtAlice, shown.size()))).containsExactly("after a count that is wrong");
        assertThat(shown.get(shown.size() - 1).route()).isEqualTo("server");
        await().atMost(ChatPanel.WAIT).until(() -> "server".equals(bob.route()));
    }

    /**
     * Both contacts write first, so both start a session; the offer of the higher address (hank's) gives way to the
     * other's (gina's) while it is still gathering its candidates. Once gathered it must not be sent: gina, already
     * direct through the session that replaced it, would take it for a new session and drop the one that works.
     */
    @Test
    @Order(7)
    void anOfferThatGaveWayWhileGatheringIsNeverSentAndTheSessionThatReplacedItStays() throws Exception {
        WebUser gina = openAs("gina");
        WebUser hank = openAs("hank", SLOW_FIRST_GATHERING);
        assertThat(gina.jid()).isLessThan(hank.jid());
        await().atMost(ChatPanel.WAIT).until(() -> gina.panel().presenceOf(hank.jid()).orElse("").equals("available")
                && hank.panel().presenceOf(gina.jid()).orElse("").equals("available"));
        gina.panel().openConversation(hank.jid());
        hank.panel().openConversation(gina.jid());

        // Hank's offer is gathering when gina's arrives.
        hank.panel().send("hank first");
        await().atMost(ChatPanel.WAIT).until(() -> hank.connections().made() == 1);
        gina.panel().send("gina first");

        awaitDirect(gina, hank);
        // Past the end of hank's first gathering, the session stays.
        await().during(LONGEST_GATHERING.plus(GATHERING_MARGIN)).atMost(LONGEST_GATHERING.plus(ChatPanel.WAIT))
                .until(() -> "direct".equals(gina.route()) && "direct".equals(hank.route()));
        assertThat(hank.browser().executeScript("return window.tandemTestJingleSent"))
                .as("hank's Jingle actions: his own offer given up, gina's accepted, no offer sent")
                .isEqualTo(List.of("session-terminate", "session-accept"));

        gina.panel().send("gina, direct");
        hank.panel().send("hank, direct");
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(hank.messagesFrom(gina.jid()))
                .equals(List.of("gina first", "gina, direct"))
                && textsOf(gina.messagesFrom(hank.jid())).equals(List.of("hank first", "hank, direct")));
        assertThat(hank.messagesFrom(gina.jid()).get(1).route()).isEqualTo("direct");
        assertThat(gina.messagesFrom(hank.jid()).get(1).route()).isEqualTo("direct");
    }

    /**
     * Ivan writes first, and his attempt is still asking the server for STUN and TURN servers when the offer of judy,
     * who wrote a moment later, comes. His attempt counts as an offer already: the offer of the lower address (his)
     * stays, judy's gives way, and one session results, not his answer to hers beside an offer of his own that would
     * make each side drop a session for the other.
     */
    @Test
    @Order(8)
    void anOfferThatComesWhileTheOwnAttemptStillAsksForServersIsWeighedAgainstIt() throws Exception {
        WebUser ivan = openAs("ivan", SLOW_SERVERS_ANSWER);
        WebUser judy = openAs("judy");
        assertThat(ivan.jid()).isLessThan(judy.jid());
        await().atMost(ChatPanel.WAIT).until(() -> ivan.panel().presenceOf(judy.jid()).orElse("").equals("available")
                && judy.panel().presenceOf(ivan.jid()).orElse("").equals("available"));
        ivan.panel().openConversation(judy.jid());
        judy.panel().openConversation(ivan.jid());

        ivan.panel().send("ivan first");
        judy.panel().send("judy first");

        awaitDirect(ivan, judy);
        assertThat(ivan.connections().made()).as("ivan's connections: his own offer's only").isEqualTo(1);
        ivan.panel().send("ivan, direct");
        judy.panel().send("judy, direct");
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(judy.messagesFrom(ivan.jid()))
                .equals(List.of("ivan first", "ivan, direct"))
                && textsOf(ivan.messagesFrom(judy.jid())).equals(List.of("judy first", "judy, direct")));
        assertThat(judy.messagesFrom(ivan.jid()).get(1).route()).isEqualTo("direct");
        assertThat(ivan.messagesFrom(judy.jid()).get(1).route()).isEqualTo("direct");
    }

    private static FullJid aliceAsFrankSeesHer() throws Exception {
        Roster roster = Roster.getInstanceFor(frank.connection());
        await().atMost(ChatPanel.WAIT).until(() -> roster.getPresence(JidCreate.bareFrom(alice.jid())).isAvailable());
        return roster.getPresence(JidCreate.bareFrom(alice.jid())).getFrom().asFullJidOrThrow();
    }
}
