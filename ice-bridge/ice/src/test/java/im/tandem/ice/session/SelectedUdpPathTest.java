package im.tandem.ice.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two ends of a taken-over pair on loopback, with the credentials two ICE agents would have: data passes, each
 * answers the other's consent checks, and a check that does not carry the right password is not answered.
 */
class SelectedUdpPathTest {

    private static final SelectedUdpPath.Credentials ALICE = new SelectedUdpPath.Credentials("aufr", "alice-password-0123456",
            "bufr", "bob-password-0123456789", true, 42, 2_130_706_431L);
    private static final SelectedUdpPath.Credentials BOB = new SelectedUdpPath.Credentials("bufr", "bob-password-0123456789",
            "aufr", "alice-password-0123456", false, 7, 1_694_498_815L);
    /** Long enough for a loopback answer on a loaded machine. */
    private static final long WAIT_MILLIS = 5_000;
    /** An answer that has not come on loopback after this long is not coming: an answer takes well under 1 ms. */
    private static final long NO_ANSWER_MILLIS = 1_000;

    private final BlockingQueue<String> atAlice = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> atBob = new LinkedBlockingQueue<>();
    private SelectedUdpPath alice;
    private SelectedUdpPath bob;

    @AfterEach
    void close() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void datagramsPassBothWaysAndConsentChecksAreNotDeliveredAsData() throws Exception {
        open(ALICE, BOB);

        alice.sendConsentCheck();
        alice.send(ByteBuffer.wrap("TND hello".getBytes(StandardCharsets.UTF_8)));
        bob.send(ByteBuffer.wrap("TND back".getBytes(StandardCharsets.UTF_8)));

        assertThat(atBob.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("TND hello");
        assertThat(atAlice.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("TND back");
        assertThat(atBob).as("the check and its answer are no data").isEmpty();
        assertThat(atAlice).isEmpty();
    }

    @Test
    void anAnsweredConsentCheckRefreshesConsent() throws Exception {
        open(ALICE, BOB);
        long before = alice.lastConsentMillis();
        Thread.sleep(20);

        alice.sendConsentCheck();

        assertThat(awaitConsentAfter(alice, before, WAIT_MILLIS)).as("alice got bob's authenticated answer").isTrue();
        long bobBefore = bob.lastConsentMillis();
        Thread.sleep(20);
        bob.sendConsentCheck();
        assertThat(awaitConsentAfter(bob, bobBefore, WAIT_MILLIS)).as("and the other way round").isTrue();
    }

    @Test
    void aCheckWithTheWrongPasswordIsNotAnswered() throws Exception {
        SelectedUdpPath.Credentials wrongPassword = new SelectedUdpPath.Credentials("aufr", "alice-password-0123456",
                "bufr", "not-bobs-password-0000", true, 42, 2_130_706_431L);
        open(wrongPassword, BOB);
        long before = alice.lastConsentMillis();
        Thread.sleep(20);

        alice.sendConsentCheck();

        assertThat(awaitConsentAfter(alice, before, NO_ANSWER_MILLIS)).isFalse();
    }

    private void open(SelectedUdpPath.Credentials aliceCredentials, SelectedUdpPath.Credentials bobCredentials)
            throws IOException {
        InetSocketAddress aliceAddress = freeLoopbackAddress();
        InetSocketAddress bobAddress = freeLoopbackAddress();
        alice = SelectedUdpPath.bind(aliceAddress, bobAddress, aliceCredentials);
        bob = SelectedUdpPath.bind(bobAddress, aliceAddress, bobCredentials);
        alice.start(datagram -> atAlice.add(StandardCharsets.UTF_8.decode(datagram).toString()));
        bob.start(datagram -> atBob.add(StandardCharsets.UTF_8.decode(datagram).toString()));
    }

    private static boolean awaitConsentAfter(SelectedUdpPath path, long before, long waitMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (System.currentTimeMillis() < deadline) {
            if (path.lastConsentMillis() > before) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static InetSocketAddress freeLoopbackAddress() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        }
    }
}
