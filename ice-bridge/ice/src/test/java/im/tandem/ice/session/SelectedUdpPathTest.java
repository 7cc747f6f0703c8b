package im.tandem.ice.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import im.tandem.ice.stun.AddressAttribute;
import im.tandem.ice.stun.AttributeType;
import im.tandem.ice.stun.MessageIntegrity;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;
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
    /** Where a STUN header's transaction id starts, as {@link TransactionId} counts it: after type and length. */
    private static final int TRANSACTION_ID_OFFSET = 4;
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

    @Test
    void aCheckWithTheRightPasswordButAnotherUsernameIsNotAnswered() throws Exception {
        SelectedUdpPath.Credentials wrongUfrag = new SelectedUdpPath.Credentials("aufr", "alice-password-0123456",
                "xufr", "bob-password-0123456789", true, 42, 2_130_706_431L);
        open(wrongUfrag, BOB);
        long before = alice.lastConsentMillis();
        Thread.sleep(20);

        alice.sendConsentCheck();

        assertThat(awaitConsentAfter(alice, before, NO_ANSWER_MILLIS))
                .as("bob answers only checks whose USERNAME is his ufrag and alice's, even if the integrity is his")
                .isFalse();
    }

    @Test
    void anAnswerWhoseIntegrityIsNotThePeersPasswordGivesNoConsent() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout((int) WAIT_MILLIS);
            alice = SelectedUdpPath.bind(freeLoopbackAddress(), (InetSocketAddress) peer.getLocalSocketAddress(),
                    ALICE);
            alice.start((datagram, endOfRead) -> atAlice.add(StandardCharsets.UTF_8.decode(datagram).toString()));
            long before = alice.lastConsentMillis();
            Thread.sleep(20);

            alice.sendConsentCheck();
            answer(peer, "not-bobs-password-0000");
            assertThat(awaitConsentAfter(alice, before, NO_ANSWER_MILLIS)).as("a forged answer").isFalse();

            alice.sendConsentCheck();
            answer(peer, BOB.localPassword());
            assertThat(awaitConsentAfter(alice, before, WAIT_MILLIS)).as("bob's own answer").isTrue();
        }
    }

    /** Receives a check on {@code peer} and answers it, sealed with {@code password}. */
    private static void answer(DatagramSocket peer, String password) throws IOException {
        byte[] buffer = new byte[1500];
        DatagramPacket check = new DatagramPacket(buffer, buffer.length);
        peer.receive(check);
        TransactionId id = TransactionId.fromHeaderBytes(buffer, TRANSACTION_ID_OFFSET);
        StunMessage answer = new StunMessage(MessageType.BINDING_SUCCESS, id,
                List.of(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS,
                        (InetSocketAddress) check.getSocketAddress())));
        byte[] sealed = MessageIntegrity.seal(StunCodec.encode(answer), password);
        peer.send(new DatagramPacket(sealed, sealed.length, check.getSocketAddress()));
    }

    private void open(SelectedUdpPath.Credentials aliceCredentials, SelectedUdpPath.Credentials bobCredentials)
            throws IOException {
        InetSocketAddress aliceAddress = freeLoopbackAddress();
        InetSocketAddress bobAddress = freeLoopbackAddress();
        alice = SelectedUdpPath.bind(aliceAddress, bobAddress, aliceCredentials);
        bob = SelectedUdpPath.bind(bobAddress, aliceAddress, bobCredentials);
        alice.start((datagram, endOfRead) -> atAlice.add(StandardCharsets.UTF_8.decode(datagram).toString()));
        bob.start((datagram, endOfRead) -> atBob.add(StandardCharsets.UTF_8.decode(datagram).toString()));
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
