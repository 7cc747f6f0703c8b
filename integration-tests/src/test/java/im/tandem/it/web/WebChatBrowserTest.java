package im.tandem.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import im.tandem.client.chat.IncomingMessage;
import im.tandem.client.TandemClient;
import im.tandem.it.delivery.MailServer;
import im.tandem.it.delivery.Mails;
import im.tandem.it.delivery.RelayServer;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.web.ChatPanel.ShownMessage;

/**
 * A user of a web site that embeds the chat with one script tag logs in in a real browser (Debian's chromium) and
 * chats with a desktop user (a Smack client), on the Openfire under test with the plugin serving the chat: one
 * server and one browser for the whole class, the steps in the order a user takes them.
 */
@Tag("server")
@Tag("external")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebChatBrowserTest {
    private static final WebChatPort PORT = WebChatPort.free();
    private static final String HOSTILE_BODY = "<img src=x onerror=\"window.tandemPwned=true\">";
    private static final String HOSTILE_STATUS = "<b onmouseover=\"window.tandemPwned=true\">bold</b>";

    private static final String ALICES_EMAIL = "alice@example.test";
    static final MailServer MAIL = MailServer.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(PORT.enable(RelayServer.settings(MAIL)
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw").user("dave", "dave-pw"))
            .build());

    private static HostPage site;
    private static ChromeDriver browser;
    private static ChatPanel panel;
    private static TandemClient bob;
    private static final BlockingQueue<IncomingMessage> TO_BOB = new LinkedBlockingQueue<>();
    /** The chat states (XEP-0085) the browser sends to bob, by element name ("composing", "active", ...). */
    private static final BlockingQueue<String> STATES_TO_BOB = new LinkedBlockingQueue<>();

    @BeforeAll
    static void openTheSite() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        site = HostPage.embedding(PORT.uri("/tandem/embed.js"), OPENFIRE.server().domain(), "");
        browser = Chromium.start(Files.createTempDirectory("tandem-chromium-"));
        browser.get(site.uri().toString());
        panel = new ChatPanel(browser);
        bob = OPENFIRE.login("bob");
        bob.onMessage(TO_BOB::add);
        bob.connection().addAsyncStanzaListener(
                stanza -> STATES_TO_BOB.add(stanza.getExtension(ChatStateExtension.NAMESPACE).getElementName()),
                new StanzaExtensionFilter(ChatStateExtension.NAMESPACE));
    }

    @AfterAll
    static void closeEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
        if (bob != null) {
            bob.close();
        }
        MAIL.close();
    }

    @Test
    @Order(1)
    void aMessageSentWhileTheUserWasLoggedOutArrivesAtLogin() throws Exception {
        bob.send(JidCreate.entityBareFrom(alice()), "sent while you were away");

        panel.open();
        panel.logIn("alice", "alice-pw");
        // Every Openfire the suite runs (4.2.0 and 5.1.1) offers RFC 7395 WebSocket at /ws/, so BOSH is not needed.
        assertThat(panel.transport()).isEqualTo("websocket");
        await().atMost(ChatPanel.WAIT).until(() -> panel.unreadBadge().equals("1"));
        assertThat(browser.executeScript("return Tandem.unread()")).isEqualTo(1L);
        panel.openConversation(bob());

        await().atMost(ChatPanel.WAIT).until(() -> panel.messages().contains(
                new ShownMessage(bob(), "in", "offline", "sent while you were away", null)));
        assertThat(panel.unreadBadge()).isEmpty();
    }

    @Test
    @Order(2)
    void theContactIsSeenOnlineAndPresenceChangesShowLive() throws Exception {
        await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(bob()).equals(Optional.of("available")));

        bob.connection().sendStanza(bob.connection().getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus("At lunch").build());

        await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(bob()).equals(Optional.of("away")));
        assertThat(panel.statusOf(bob())).isEqualTo("At lunch");
    }

    @Test
    @Order(3)
    void messagesGoBothWaysWithTypingNotificationsAndDeliveryReceipts() throws Exception {
        panel.send("hello from the web");
        assertThat(STATES_TO_BOB.poll(ChatPanel.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("composing");
        assertThat(STATES_TO_BOB.poll(ChatPanel.WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("active");

        IncomingMessage received = TO_BOB.poll(ChatPanel.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(received).isNotNull();
        assertThat(received.body()).isEqualTo("hello from the web");
        assertThat(received.from().toString()).isEqualTo(alice());
        await().atMost(ChatPanel.WAIT).until(() -> panel.messages().contains(
                new ShownMessage(alice(), "out", "server", "hello from the web", "received")));

        bob.connection().sendStanza(fromBob().addExtension(new ChatStateExtension(ChatState.composing)).build());
        await().atMost(ChatPanel.WAIT).until(() -> panel.typing().equals("typing…"));

        bob.send(JidCreate.entityBareFrom(alice()), "hello from the desktop");
        await().atMost(ChatPanel.WAIT).until(() -> panel.messages().contains(
                new ShownMessage(bob(), "in", "server", "hello from the desktop", null)));
        assertThat(panel.typing()).isEmpty();

        // Only an origin-id is meant to be unique: a client that sends none may repeat a stanza id (after a
        // reconnection, say), and both messages are shown.
        for (String body : List.of("first with a reused id", "second with a reused id")) {
            bob.connection().sendStanza(StanzaBuilder.buildMessage("reused-id").to(JidCreate.entityBareFrom(alice()))
                    .ofType(Message.Type.chat).setBody(body).build());
        }
        await().atMost(ChatPanel.WAIT).until(() -> panel.messages().containsAll(List.of(
                new ShownMessage(bob(), "in", "server", "first with a reused id", null),
                new ShownMessage(bob(), "in", "server", "second with a reused id", null))));
    }

    @Test
    @Order(4)
    void aHostileBodyAndStatusAreShownAsTextAndRunNothing() throws Exception {
        bob.connection().sendStanza(bob.connection().getStanzaFactory().buildPresenceStanza()
                .ofType(Presence.Type.available).setStatus(HOSTILE_STATUS).build());
        bob.send(JidCreate.entityBareFrom(alice()), HOSTILE_BODY);

        await().atMost(ChatPanel.WAIT).until(() -> panel.messages().stream()
                .anyMatch(message -> message.text().equals(HOSTILE_BODY)));
        panel.find("#tandem-back").click();
        await().atMost(ChatPanel.WAIT).until(() -> panel.statusOf(bob()).equals(HOSTILE_STATUS));

        assertThat(panel.findAll("img")).isEmpty();
        assertThat(panel.findAll("#tandem-roster b")).isEmpty();
        assertThat(browser.executeScript("return window.tandemPwned === undefined")).isEqualTo(true);
        panel.openConversation(bob());
        Path screenshot = Path.of("target", "web-chat-openfire-" + OPENFIRE.server().distribution().version() + ".png");
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(5)
    void subscriptionRequestsAreAnsweredAndContactsAddedAndRemoved() throws Exception {
        panel.find("#tandem-back").click();
        try (TandemClient carol = OPENFIRE.login("carol"); TandemClient dave = OPENFIRE.login("dave")) {
            BlockingQueue<Presence> toDave = new LinkedBlockingQueue<>();
            dave.connection().addAsyncStanzaListener(stanza -> toDave.add((Presence) stanza),
                    PresenceTypeFilter.SUBSCRIBE);
            Roster carolsRoster = Roster.getInstanceFor(carol.connection());
            carolsRoster.createItemAndRequestSubscription(JidCreate.bareFrom(alice()), "alice", null);

            await().atMost(ChatPanel.WAIT).until(() -> !panel.findAll(requestOf(carol())).isEmpty());
            panel.find(requestOf(carol()) + " .accept").click();
            await().atMost(ChatPanel.WAIT).until(() -> carolsRoster.getPresence(JidCreate.bareFrom(alice()))
                    .isAvailable());
            await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(carol()).isPresent());

            panel.find("#tandem-roster li[data-jid='" + carol() + "'] .remove").click();
            await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(carol()).isEmpty());

            panel.find("#tandem-add-jid").sendKeys("not an address");
            panel.find("#tandem-add").click();
            assertThat(panel.find(".contacts .error").getText()).isEqualTo("Enter an address such as bob@example.org.");
            panel.find("#tandem-add-jid").clear();

            panel.find("#tandem-add-jid").sendKeys(dave());
            panel.find("#tandem-add").click();
            Presence request = toDave.poll(ChatPanel.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(request).isNotNull();
            assertThat(request.getFrom().asBareJid().toString()).isEqualTo(alice());
            await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(dave()).equals(Optional.of("unavailable")));
        }
    }

    @Test
    @Order(6)
    void emailDeliveryIsSetUpThroughThePluginsCommands() throws Exception {
        panel.find("#tandem-settings-open").click();
        panel.runCommand(ChatPanel.ADDRESS_COMMAND, "", ALICES_EMAIL);
        String code = Mails.code(MAIL.awaitBy(ALICES_EMAIL, 1, ChatPanel.WAIT).get(0));
        panel.find("#tandem-settings .command button.link").click();

        panel.runCommand(ChatPanel.VERIFY_COMMAND, "", code);

        await().atMost(ChatPanel.WAIT).until(() -> panel.findAll("#tandem-settings .note.info").stream()
                .anyMatch(note -> note.getText().contains(ALICES_EMAIL) && note.getText().contains("verified")));
    }

    @Test
    @Order(7)
    void afterLoggingOutTheUserIsOfflineAndAMessageArrivesByEmail() throws Exception {
        panel.logOut();
        await().atMost(ChatPanel.WAIT).until(() -> !bob.contact(JidCreate.bareFrom(alice())).available());

        bob.send(JidCreate.entityBareFrom(alice()), "are you there?");

        assertThat(MAIL.awaitBy(ALICES_EMAIL, 2, RelayServer.WAIT)).hasSize(2);
    }

    /**
     * The example pages restyle the panel through CSS custom properties alone, which reach into its shadow root; a
     * screenshot of each, logged in, is kept for the record.
     */
    @ParameterizedTest
    @CsvSource({"calm, 'rgba(47, 125, 79, 1)'", "night, 'rgba(245, 158, 11, 1)'"})
    @Order(8)
    void theExamplePagesStyleThePanelWithCustomProperties(String style, String accent) throws Exception {
        browser.get(PORT.uri("/tandem/example-" + style + ".html").toString());
        assertThat(browser.executeScript("return self.crossOriginIsolated")).as("the page cross-origin isolated")
                .isEqualTo(true);
        panel.open();

        assertThat(panel.find("#tandem-toggle").getCssValue("background-color")).isEqualTo(accent);

        panel.logIn("alice@" + OPENFIRE.server().domain(), "alice-pw");
        await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(bob()).equals(Optional.of("available")));
        Files.write(Path.of("target", "web-chat-example-" + style + "-openfire-"
                + OPENFIRE.server().distribution().version() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        panel.logOut();
    }

    /** BOSH, the fallback for a server or proxy without WebSocket, works on its own when the site asks for it. */
    @Test
    @Order(9)
    void aSiteMayAskForBoshAndTheChatWorksOverIt() throws Exception {
        try (HostPage boshSite = HostPage.embedding(PORT.uri("/tandem/embed.js"), OPENFIRE.server().domain(), "bosh")) {
            browser.get(boshSite.uri().toString());
            panel.open();
            panel.logIn("alice", "alice-pw");

            assertThat(panel.transport()).isEqualTo("bosh");
            await().atMost(ChatPanel.WAIT).until(() -> panel.presenceOf(bob()).equals(Optional.of("available")));
            panel.openConversation(bob());
            panel.send("over BOSH");
            IncomingMessage received = TO_BOB.poll(ChatPanel.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.body()).isEqualTo("over BOSH");
            panel.logOut();
        }
    }

    /** The chat's page shows inside another site's frame only once the admin lists that site's origin. */
    @Test
    @Order(10)
    void onlyAnAllowedOriginMayFrameTheChat() throws Exception {
        try (HostPage framingSite = HostPage.framing(PORT.uri("/tandem/"))) {
            assertThat(chatInFrameOf(framingSite)).as("framed by a site nobody allowed").isFalse();

            OPENFIRE.server().setProperty("tandem.web.allowedOrigins", framingSite.origin());
            try {
                assertThat(chatInFrameOf(framingSite)).as("framed by an allowed site").isTrue();
            } finally {
                OPENFIRE.server().deleteProperty("tandem.web.allowedOrigins");
            }
        }
    }

    /** A cross-origin isolated site loads the embed's script and style sheet: both say that any site may have them. */
    @Test
    @Order(11)
    void aCrossOriginIsolatedSiteEmbedsTheChat() throws Exception {
        try (HostPage isolatedSite = HostPage.isolatedEmbedding(PORT.uri("/tandem/embed.js"),
                OPENFIRE.server().domain())) {
            browser.get(isolatedSite.uri().toString());
            assertThat(browser.executeScript("return self.crossOriginIsolated")).as("the site cross-origin isolated")
                    .isEqualTo(true);
            panel.open();

            // The style sheet's default accent: the panel has its look, not only its script.
            assertThat(panel.find("#tandem-toggle").getCssValue("background-color")).isEqualTo("rgba(37, 99, 235, 1)");
        }
    }

    /** Loads the site and tells whether the chat's panel came up inside its frame. */
    private static boolean chatInFrameOf(HostPage site) {
        browser.switchTo().defaultContent();
        browser.get(site.uri().toString());
        browser.switchTo().frame("chat");
        try {
            return await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> !browser.findElements(By.id("tandem-chat")).isEmpty(), shown -> shown);
        } catch (ConditionTimeoutException e) {
            return false;
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    private static String requestOf(String jid) {
        return "#tandem-requests li[data-jid='" + jid + "']";
    }

    private static MessageBuilder fromBob() throws Exception {
        return bob.connection().getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom(alice()))
                .ofType(Message.Type.chat);
    }

    private static String alice() {
        return "alice@" + OPENFIRE.server().domain();
    }

    private static String bob() {
        return "bob@" + OPENFIRE.server().domain();
    }

    private static String carol() {
        return "carol@" + OPENFIRE.server().domain();
    }

    private static String dave() {
        return "dave@" + OPENFIRE.server().domain();
    }
}
