package im.tandem.openfire.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;

import org.jivesoftware.openfire.OfflineMessage;
import org.jivesoftware.openfire.OfflineMessageListener;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** The callback Openfire calls in every version, and the intake queue behind it. */
class OfflineTriggerTest {
    @Test
    void theOpenfire47CallbackIsDeclaredWithTheExactSignatureNewerServersCall() throws Exception {
        assertThat(OfflineTrigger.class.getMethod("messageStored", OfflineMessage.class).getReturnType())
                .isEqualTo(void.class);
        assertThat(OfflineTrigger.class.getMethod("messageStored", Message.class).getReturnType()).isEqualTo(void.class);
        assertThat(OfflineMessageListener.class).isAssignableFrom(OfflineTrigger.class);
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
}
