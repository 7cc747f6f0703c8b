package im.tandem.it.web;

import static im.tandem.it.web.MessageTexts.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

import im.tandem.it.chat.ChatProgram;
import im.tandem.it.delivery.RelayServer;
import im.tandem.it.delivery.SmscServer;
import im.tandem.it.openfire.OpenfireExtension;

/**
 * The web chat with every kind of peer a user of it meets: another browser, the terminal chat program and a standard
 * client not written by us (slixmpp), each chatting both ways with a user of the embedded panel in a real browser
 * (Debian's chromium); then what the page offers the site around it (the JavaScript API) and the user away from it
 * (a browser notification), and SMS delivery set up from the page. One server and two browsers for the whole class, in the order of the steps.
 */
@Tag("server")
@Tag("external")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebChatPeersTest {
    /** How soon two users must see each other online once the second one is online, as the issue states it. */
    private static final Duration ONLINE_WITHIN = Duration.ofSeconds(1);
    /** Messages each side sends in each chat: enough for an order to show and for a duplicate to be seen. */
    private static final int MESSAGES = 3;
    /** Debian's interpreter, where python3-slixmpp installs; not whatever python3 is first on the PATH. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    private static final Duration SLIXMPP_EXIT = Duration.ofSeconds(30);

    private static final String ALICES_PHONE = "+49 151 1234-5678";
    /** The number as the SMS server sees it: international form without the plus. */
    private static final String ALICES_PHONE_DIALLED = "4915112345678";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private static final WebChatPort PORT = WebChatPort.free();
    static final SmscServer SMSC = SmscServer.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(PORT.enable(RelayServer.settings()
            .property("tandem.notify.sms.transport", "smpp")
            .property("sms.smpp.host", "127.0.0.1")
            .property("sms.smpp.port", Integer.toString(SMSC.port()))
            .property("sms.smpp.systemId", "tandem")
            .property("sms.smpp.password", "secret")
            .property("tandem.notify.sms.allowedPrefixes", "+49")
            .user("alice", "alice-pw").user("bob", "bob-pw").user("carol", "carol-pw").user("sam", "sam-pw"))
            .build());

    private static HostPage site;
    private static ChromeDriver aliceBrowser;
    private static ChromeDriver bobBrowser;
    private static ChatPanel alice;
    private static ChatPanel bob;

    @BeforeAll
    static void openTheSiteInTwoBrowsers() throws Exception {
        for (String contact : List.of("bob", "carol", "sam")) {
            OPENFIRE.server().befriend("alice", contact);
        }
        site = HostPage.embedding(PORT.uri("/tandem/embed.js"), OPENFIRE.server().domain(), "");
        aliceBrowser = Chromium.start(Files.createTempDirectory("tandem-chromium-alice-"));
        bobBrowser = Chromium.start(Files.createTempDirectory("tandem-chromium-bob-"));
        aliceBrowser.get(site.uri().toString());
        bobBrowser.get(site.uri().toString());
        alice = new ChatPanel(aliceBrowser);
        bob = new ChatPanel(bobBrowser);
    }

    @AfterAll
    static void closeEverything() throws Exception {
        SMSC.close();
        for (ChromeDriver browser : new ChromeDriver[] {aliceBrowser, bobBrowser}) {
            if (browser != null) {
                browser.quit();
            }
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    @Order(1)
    void twoBrowserUsersSeeEachOtherComeOnlineWithinASecondAndChatBothWaysInOrder() {
        alice.open();
        alice.logIn("alice", "alice-pw");
        alice.watchOnline(jid("bob"));
        bob.open();
        bob.watchOnline(jid("alice"));

        bob.logIn("bob", "bob-pw");

        long bobOnline = await().atMost(ChatPanel.WAIT).until(bob::loggedInAt, Optional::isPresent).orElseThrow();
        long aliceSawBob = await().atMost(ChatPanel.WAIT).until(() -> alice.seenOnlineAt(jid("bob")), Optional::isPresent)
                .orElseThrow();
        long bobSawAlice = await().atMost(ChatPanel.WAIT).until(() -> bob.seenOnlineAt(jid("alice")), Optional::isPresent)
                .orElseThrow();
        assertThat(aliceSawBob - bobOnline).as("ms from bob's page showing him logged in until alice's shows him online")
                .isLessThanOrEqualTo(ONLINE_WITHIN.toMillis());
        assertThat(bobSawAlice - bobOnline).as("ms from bob's page showing him logged in until it shows alice online")
                .isLessThanOrEqualTo(ONLINE_WITHIN.toMillis());

        alice.openConversation(jid("bob"));
        bob.openConversation(jid("alice"));
        List<String> aliceWrote = numbered("web to web");
        aliceWrote.forEach(alice::send);
        awaitTexts(bob, said("in", jid("alice"), aliceWrote));

        List<String> bobWrote = numbered("and back");
        bobWrote.forEach(bob::send);
        awaitTexts(alice, concat(said("out", jid("alice"), aliceWrote), said("in", jid("bob"), bobWrote)));
        assertThat(texts(bob)).isEqualTo(concat(said("in", jid("alice"), aliceWrote),
                said("out", jid("bob"), bobWrote)));
    }

    @Test
    @Order(2)
    void aBrowserUserAndTheChatProgramChatBothWays() throws Exception {
        try (ChatProgram carol = ChatProgram.start(OPENFIRE.server(), "carol", "carol-pw",
                Files.createTempDirectory("tandem-web-chat-program-"))) {
            carol.await("connected ");
            alice.find("#tandem-back").click();
            await().atMost(ChatPanel.WAIT).until(() -> alice.presenceOf(jid("carol")).equals(Optional.of("available")));
            alice.openConversation(jid("carol"));

            List<String> aliceWrote = numbered("browser to terminal");
            aliceWrote.forEach(alice::send);
            for (String text : aliceWrote) {
                assertThat(carol.await("message ")).isEqualTo("message " + jid("alice") + " server " + text);
            }

            List<String> carolWrote = numbered("terminal to browser");
            carol.type("/to " + jid("alice"));
            carolWrote.forEach(carol::type);
            awaitConversation(alice, concat(shown("out", jid("alice"), aliceWrote),
                    shown("in", jid("carol"), carolWrote)));
        }
    }

    @Test
    @Order(3)
    void aBrowserUserAndSlixmppChatBothWays() throws Exception {
        Path script = Path.of(WebChatPeersTest.class.getResource("/slixmpp/plain_peer.py").toURI());
        assertThat(SYSTEM_PYTHON).as("Debian's python3 (apt-get install python3-slixmpp)").isExecutable();
        Path output = Files.createTempFile("tandem-web-chat-slixmpp-", ".log");
        alice.find("#tandem-back").click();

        Process sam = new ProcessBuilder(SYSTEM_PYTHON.toString(), script.toString(),
                "--jid", jid("sam") + "/slixmpp", "--password", "sam-pw",
                "--host", OPENFIRE.server().host(), "--port", Integer.toString(OPENFIRE.server().clientPort()),
                "--to", jid("alice"), "--text", "slixmpp to browser", "--send", Integer.toString(MESSAGES),
                "--expect", Integer.toString(MESSAGES), "--linger", "0")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(ChatPanel.WAIT).until(() -> alice.presenceOf(jid("sam")).equals(Optional.of("available")));
            alice.openConversation(jid("sam"));
            // plain_peer.py numbers what it sends: "slixmpp to browser 1", "... 2", ...
            List<String> samWrote = numbered("slixmpp to browser");
            awaitConversation(alice, shown("in", jid("sam"), samWrote));

            List<String> aliceWrote = numbered("browser to slixmpp");
            aliceWrote.forEach(alice::send);

            assertThat(sam.waitFor(SLIXMPP_EXIT.toSeconds(), TimeUnit.SECONDS)).as("slixmpp exits once it has %d messages",
                    MESSAGES).isTrue();
            List<String> transcript = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(sam.exitValue()).as("slixmpp's exit code; its output: %s", transcript).isZero();
            assertThat(transcript.stream().filter(line -> line.startsWith("GOT ")).toList())
                    .isEqualTo(aliceWrote.stream().map(text -> "GOT " + jid("alice") + " " + text).toList());
            assertThat(lines(alice)).isEqualTo(concat(shown("in", jid("sam"), samWrote),
                    shown("out", jid("alice"), aliceWrote)));
        } finally {
            sam.destroyForcibly();
        }
    }

    /** A site counts unread messages through {@code Tandem.unread()} and the {@code tandem:unread} event. */
    @Test
    @Order(4)
    void theJavaScriptApiCountsUnreadMessagesAndOpensAConversation() {
        alice.find("#tandem-back").click();
        alice.script("""
                window.tandemUnreadTotals = [];
                window.addEventListener("tandem:unread", (event) => window.tandemUnreadTotals.push(event.detail.total));
                """);

        numbered("while alice looks at her contacts").forEach(bob::send);

        await().atMost(ChatPanel.WAIT).until(() -> alice.script("return Tandem.unread()"), unread -> unread.equals(3L));
        assertThat(alice.unreadBadge()).isEqualTo("3");
        alice.script("Tandem.chat(arguments[0])", jid("bob"));

        assertThat(alice.script("return Tandem.unread()")).isEqualTo(0L);
        assertThat(alice.script("return window.tandemUnreadTotals")).isEqualTo(List.of(1L, 2L, 3L, 0L));
        assertThat(alice.find(".conversation").getAttribute("data-jid")).isEqualTo(jid("bob"));
        assertThat(alice.unreadBadge()).isEmpty();
    }

    /**
     * With the permission granted (as a user's click on "Allow" does) and the page in a background tab, a message
     * raises a browser notification. The page's {@code Notification} is wrapped to note each one it creates.
     */
    @Test
    @Order(5)
    void aMessageToAPageInTheBackgroundRaisesABrowserNotification() {
        aliceBrowser.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", site.origin(), "permissions", List.of("notifications")));
        assertThat(alice.script("return Notification.permission")).isEqualTo("granted");
        alice.script("""
                window.tandemNotified = [];
                window.tandemVisibility = [];
                document.addEventListener("visibilitychange", () => window.tandemVisibility.push(document.visibilityState));
                const Shown = window.Notification;
                window.Notification = class extends Shown {
                  constructor(title, options) {
                    super(title, options);
                    window.tandemNotified.push(title + ": " + options.body);
                  }
                };
                """);
        String sitesTab = aliceBrowser.getWindowHandle();
        aliceBrowser.switchTo().newWindow(WindowType.TAB);
        try {
            bob.send("are you still there?");
            await().atMost(ChatPanel.WAIT).until(() -> bob.messages().stream().anyMatch(message ->
                    message.text().equals("are you still there?") && "received".equals(message.receipt())));
        } finally {
            aliceBrowser.close();
            aliceBrowser.switchTo().window(sitesTab);
        }

        assertThat(alice.script("return window.tandemVisibility")).as("the page went to the background and back")
                .isEqualTo(List.of("hidden", "visible"));
        // The title is the contact's name on alice's roster, which the test server gives as the user name.
        assertThat(alice.script("return window.tandemNotified"))
                .isEqualTo(List.of("bob: are you still there?"));
    }

    /** SMS opt-in from the page: the plugin's commands send a code by SMS, the page takes it, and SMS then relays. */
    @Test
    @Order(6)
    void smsDeliveryIsSetUpFromThePageAndAMessageThenArrivesBySms() throws Exception {
        alice.find("#tandem-back").click();
        alice.find("#tandem-settings-open").click();
        alice.runCommand(ChatPanel.ADDRESS_COMMAND, "sms", ALICES_PHONE);
        SmscServer.Sms codeSms = SMSC.awaitBy(ALICES_PHONE_DIALLED, 1, RelayServer.WAIT).get(0);
        Matcher code = CODE.matcher(codeSms.text());
        assertThat(code.find()).as("a code in '%s'", codeSms.text()).isTrue();
        alice.find("#tandem-settings .command button.link").click();

        alice.runCommand(ChatPanel.VERIFY_COMMAND, "sms", code.group());

        await().atMost(ChatPanel.WAIT).until(() -> alice.findAll("#tandem-settings .note.info").stream()
                .anyMatch(note -> note.getText().contains("verified")));
        alice.logOut();
        await().atMost(ChatPanel.WAIT).until(() -> bob.presenceOf(jid("alice")).equals(Optional.of("unavailable")));
        bob.send("call me when you land");

        assertThat(SMSC.awaitBy(ALICES_PHONE_DIALLED, 2, RelayServer.WAIT).get(1).text())
                .isEqualTo("Tandem: 1 new message. " + jid("bob") + ": call me when you land");
    }

    private static void awaitConversation(ChatPanel panel, List<String> expected) {
        await().atMost(ChatPanel.WAIT).until(() -> lines(panel), expected::equals);
    }

    /** The open conversation as lines "direction from route: text", in the order shown. */
    private static List<String> lines(ChatPanel panel) {
        return panel.messages().stream()
                .map(message -> message.direction() + " " + message.from() + " " + message.route() + ": " + message.text())
                .toList();
    }

    /**
     * Between two web users who are contacts the route turns direct once the data channel is open, part way through
     * a conversation ({@code WebDirectPathBrowserTest} checks the routes); here only what was said, once and in order.
     */
    private static void awaitTexts(ChatPanel panel, List<String> expected) {
        await().atMost(ChatPanel.WAIT).until(() -> texts(panel), expected::equals);
    }

    /** The open conversation as lines "direction from: text", in the order shown. */
    private static List<String> texts(ChatPanel panel) {
        return panel.messages().stream()
                .map(message -> message.direction() + " " + message.from() + ": " + message.text())
                .toList();
    }

    private static List<String> said(String direction, String from, List<String> texts) {
        return texts.stream().map(text -> direction + " " + from + ": " + text).toList();
    }

    private static List<String> shown(String direction, String from, List<String> texts) {
        return texts.stream().map(text -> direction + " " + from + " server: " + text).toList();
    }

    private static List<String> numbered(String text) {
        return MessageTexts.numbered(text, MESSAGES);
    }

    private static String jid(String user) {
        return user + "@" + OPENFIRE.server().domain();
    }
}
