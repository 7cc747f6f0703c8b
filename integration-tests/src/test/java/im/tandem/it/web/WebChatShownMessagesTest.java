package im.tandem.it.web;

import static im.tandem.it.web.MessageTexts.concat;
import static im.tandem.it.web.MessageTexts.numbered;
import static im.tandem.it.web.MessageTexts.textsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.openqa.selenium.chrome.ChromeDriver;

import im.tandem.client.TandemClient;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.it.web.ChatPanel.ShownMessage;

/**
 * A long conversation keeps only its newest messages in the page ({@code data-max-shown-messages}): every message
 * shown is laid out again with each new one, so the page would slow down message by message. Past the limit the
 * oldest leave a quarter of it at a time, so that most new messages do not move the others. What leaves the page
 * stays in the panel's history, receipts still reach the messages shown, and unread counts do not depend on what is
 * shown. The conversation keeps its newest message in view, but not while the user reads further up. Alice is in the embedded panel (Debian's chromium), bob is our Smack client, which answers receipt
 * requests.
 */
@Tag("server")
@Tag("external")
class WebChatShownMessagesTest {
    /** Small, so that a few messages go past it, and more than the conversation's height holds, so that it scrolls. */
    private static final int SHOWN = 12;
    /** Several frames of the page: a scroll the page would make has been made by then. */
    private static final Duration FRAMES = Duration.ofMillis(500);
    /** Whether the conversation is scrolled to its end, so that the newest message is in view. */
    private static final String AT_END = """
            const log = document.getElementById("tandem-chat").shadowRoot.querySelector("#tandem-log");
            return log.scrollHeight > log.clientHeight && log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
            """;

    private static final WebChatPort PORT = WebChatPort.free();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(PORT.enable(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("bob", "bob-pw")).build());

    private static HostPage site;
    private static ChromeDriver browser;
    private static ChatPanel alice;
    private static TandemClient bob;

    @BeforeAll
    static void openTheSite() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        site = HostPage.embedding(PORT.uri("/tandem/embed.js"), OPENFIRE.server().domain(),
                Map.of("data-max-shown-messages", Integer.toString(SHOWN)));
        browser = Chromium.start(Files.createTempDirectory("tandem-chromium-alice-"));
        browser.get(site.uri().toString());
        alice = new ChatPanel(browser);
        bob = OPENFIRE.login("bob");
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
    }

    @Test
    void theOldestMessagesLeaveThePageNotTheHistoryAndCountsAndReceiptsStayRight() throws Exception {
        alice.open();
        alice.logIn("alice", "alice-pw");
        await().atMost(ChatPanel.WAIT).until(() -> alice.presenceOf(bob()).orElse("").equals("available"));
        alice.openConversation(bob());

        List<String> first = numbered("first", 20);
        for (String text : first) {
            bob.send(aliceJid(), text);
        }
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(alice.messages()), first.subList(8, 20)::equals);
        assertThat(browser.executeScript("return Tandem.unread()")).as("read as they came").isEqualTo(0L);
        await().atMost(ChatPanel.WAIT).until(() -> browser.executeScript(AT_END), Boolean.TRUE::equals);

        // Alice reads further up: a new message does not pull her down, her own does.
        browser.executeScript("document.getElementById('tandem-chat').shadowRoot.querySelector('#tandem-log').scrollTop = 0");
        await().pollDelay(FRAMES).atMost(ChatPanel.WAIT).until(() -> true);
        bob.send(aliceJid(), "while alice reads");
        await().atMost(ChatPanel.WAIT).until(() -> textsOf(alice.messages()).contains("while alice reads"));
        // One past the limit, a quarter of it leaves the page at once: of 13, the newest 9 stay.
        assertThat(textsOf(alice.messages())).isEqualTo(concat(first.subList(12, 20), List.of("while alice reads")));
        await().pollDelay(FRAMES).atMost(ChatPanel.WAIT).until(() -> true);
        assertThat(browser.executeScript(
                "return document.getElementById('tandem-chat').shadowRoot.querySelector('#tandem-log').scrollTop"))
                .as("where alice reads").isEqualTo(0L);

        // Receipts find alice's own messages among those shown.
        List<String> replies = numbered("reply", 3);
        replies.forEach(alice::send);
        await().atMost(ChatPanel.WAIT).until(() -> browser.executeScript(AT_END), Boolean.TRUE::equals);
        List<String> newest = concat(concat(first.subList(12, 20), List.of("while alice reads")), replies);
        await().atMost(ChatPanel.WAIT).until(() -> alice.messages().stream().filter(message -> "out".equals(
                message.direction())).allMatch(message -> "received".equals(message.receipt()))
                && textsOf(alice.messages()).equals(newest));

        // While alice looks at her contacts, every message counts as unread, more than are ever shown.
        alice.find("#tandem-back").click();
        List<String> later = numbered("later", 15);
        for (String text : later) {
            bob.send(aliceJid(), text);
        }
        await().atMost(ChatPanel.WAIT).until(() -> browser.executeScript("return Tandem.unread()"), unread ->
                unread.equals(15L));
        assertThat(alice.unreadBadge()).isEqualTo("15");

        // Opened again, the conversation shows the newest messages of its history, those that came meanwhile too.
        alice.openConversation(bob());
        assertThat(browser.executeScript("return Tandem.unread()")).isEqualTo(0L);
        List<ShownMessage> shown = alice.messages();
        assertThat(textsOf(shown)).isEqualTo(later.subList(3, 15));
        assertThat(shown).allMatch(message -> message.from().equals(bob()) && message.direction().equals("in"));
    }

    private static EntityBareJid aliceJid() throws Exception {
        return JidCreate.entityBareFrom("alice@" + OPENFIRE.server().domain());
    }

    private static String bob() {
        return "bob@" + OPENFIRE.server().domain();
    }
}
