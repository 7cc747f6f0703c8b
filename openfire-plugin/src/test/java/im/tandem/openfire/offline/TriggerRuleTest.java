package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

class TriggerRuleTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private final TriggerRule rule = new TriggerRule("example.org");

    @Test
    void aChatOrNormalMessageWithABodyToALocalUserIsTaken() {
        assertThat(rule.accept(message(Message.Type.chat, "bob@example.org/phone", "alice@example.org", "hi"), NOW))
                .contains(new StoredMessage("alice", "bob@example.org", "hi", NOW));
        assertThat(rule.accept(message(Message.Type.normal, "carol@elsewhere.net", "alice@example.org/x", "yo"), NOW))
                .contains(new StoredMessage("alice", "carol@elsewhere.net", "yo", NOW));
    }

    @Test
    void otherMessagesAreNot() {
        assertThat(rule.accept(message(Message.Type.groupchat, "room@muc.example.org/bob", "alice@example.org", "hi"), NOW))
                .isEmpty();
        assertThat(rule.accept(message(Message.Type.headline, "bob@example.org", "alice@example.org", "news"), NOW))
                .isEmpty();
        assertThat(rule.accept(message(Message.Type.error, "bob@example.org", "alice@example.org", "oops"), NOW)).isEmpty();
        assertThat(rule.accept(message(Message.Type.chat, "bob@example.org", "alice@example.org", null), NOW))
                .as("receipts and chat states have no body").isEmpty();
        assertThat(rule.accept(message(Message.Type.chat, "bob@example.org", "alice@example.org", "  "), NOW)).isEmpty();
        assertThat(rule.accept(message(Message.Type.chat, "bob@example.org", "alice@other.org", "hi"), NOW))
                .as("not a local user").isEmpty();
        assertThat(rule.accept(message(Message.Type.normal, "example.org", "alice@example.org", "Tandem: notice"), NOW))
                .as("the server's own notices").isEmpty();
    }

    private static Message message(Message.Type type, String from, String to, String body) {
        Message message = new Message();
        message.setType(type);
        message.setFrom(from);
        message.setTo(to);
        if (body != null) {
            message.setBody(body);
        }
        return message;
    }
}
