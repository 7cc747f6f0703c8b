package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.jivesoftware.openfire.OfflineMessage;
import org.jivesoftware.openfire.OfflineMessageListener;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

import im.tandem.openfire.delivery.Backoff;
import im.tandem.openfire.delivery.DeliveryConfig;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.notify.Channel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.SettingsStore;
import im.tandem.openfire.testing.TestDatabase;

/** Both forms of Openfire's callback reach the queue, off the caller's thread. */
class OfflineTriggerTest {
    @Test
    void theOpenfire47CallbackIsDeclaredWithTheExactSignatureNewerServersCall() throws Exception {
        assertThat(OfflineTrigger.class.getMethod("messageStored", OfflineMessage.class).getReturnType())
                .isEqualTo(void.class);
        assertThat(OfflineTrigger.class.getMethod("messageStored", Message.class).getReturnType()).isEqualTo(void.class);
        assertThat(OfflineMessageListener.class).isAssignableFrom(OfflineTrigger.class);
    }

    @Test
    void bothCallbacksQueueADigest() throws Exception {
        TestDatabase database = TestDatabase.create();
        Clock clock = Clock.systemUTC();
        SettingsStore settings = new SettingsStore(database, clock);
        settings.save(new NotifySettings("alice", Optional.of("alice@example.org"), Optional.empty(),
                Set.of(Channel.EMAIL), Duration.ofSeconds(30), false, Optional.empty(), ZoneId.of("UTC"), false));
        DeliveryStore deliveries = new DeliveryStore(database);
        DeliveryConfig config = new DeliveryConfig(true, Duration.ofSeconds(1), 10, Duration.ofSeconds(30),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), 5, 200, 160, "",
                Duration.ofDays(1));
        Intake intake = new Intake(10);
        OfflineTrigger trigger = new OfflineTrigger(new TriggerRule("example.org"), intake,
                new DigestIntake(settings, deliveries, (user, sender) -> true, user -> false, () -> config, clock), clock);

        trigger.messageStored(chat("old callback"));
        trigger.messageStored(new OfflineMessage(new Date(), chat("new callback").getElement()));
        intake.stop();

        assertThat(deliveries.unfinished("alice")).hasSize(2);
        assertThat(intake.dropped()).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        Intake intake = new Intake(1);
        CountDownLatch release = new CountDownLatch(1);
        intake.offer("blocker", release::await);
        intake.offer("queued", () -> { });
        intake.offer("dropped", () -> { });
        release.countDown();
        intake.stop();
        assertThat(intake.dropped()).isEqualTo(1);
    }

    private static Message chat(String body) {
        Element element = DocumentHelper.createElement("message");
        Message message = new Message(element);
        message.setType(Message.Type.chat);
        message.setFrom("bob@example.org/phone");
        message.setTo("alice@example.org");
        message.setBody(body);
        return message;
    }
}
