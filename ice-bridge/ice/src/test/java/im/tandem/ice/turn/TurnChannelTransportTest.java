package im.tandem.ice.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnChannelTransportTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("198.18.1.2", 40000);
    private static final InetSocketAddress OTHER_PEER = new InetSocketAddress("198.18.1.3", 40000);

    private final FakeTurnServer server = new FakeTurnServer();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private TurnChannelTransport transport;

    TurnChannelTransportTest() throws IOException {
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private TurnChannelTransport open(String password) throws IOException {
        return TurnChannelTransport.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), server.address(),
                FakeTurnServer.USERNAME, password, PEER);
    }

    private void startReceiving() {
        transport.start((datagram, endOfRead) -> received.add(StandardCharsets.UTF_8.decode(datagram).toString()));
    }

    @Test
    void opensAfterTheChallengeOnTheFirstFreeChannelAndCarriesDatagramsBothWays() throws Exception {
        server.bindBeforehand(0x4000, OTHER_PEER);

        transport = open(FakeTurnServer.PASSWORD);

        assertThat(server.next()).isEqualTo("ChannelBind unsigned");
        assertThat(server.next()).isEqualTo("ChannelBind 4000 40000");
        assertThat(server.next()).isEqualTo("ChannelBind 4001 40000");
        assertThat(server.next()).isEqualTo("Refresh " + TurnChannelTransport.ALLOCATION_LIFETIME_SECONDS);
        assertThat(transport.channel()).isEqualTo(0x4001);

        startReceiving();
        server.sendChannelData(0x4000, "for the other peer's channel");
        server.sendChannelData(0x4001, "from the peer");
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("from the peer");
        assertThat(received).isEmpty();

        transport.send(ByteBuffer.wrap("to the peer".getBytes(StandardCharsets.UTF_8)));
        assertThat(server.next()).isEqualTo("ChannelData 4001 to the peer");
    }

    @Test
    void aPeerTheAllocationBoundAlreadyKeepsItsNumber() throws Exception {
        server.bindBeforehand(0x4000, OTHER_PEER);
        server.bindBeforehand(0x4002, PEER);

        transport = open(FakeTurnServer.PASSWORD);

        assertThat(transport.channel()).isEqualTo(0x4002);
    }

    @Test
    void aRefreshBindsTheSameChannelAgainAndExtendsTheAllocation() throws Exception {
        transport = open(FakeTurnServer.PASSWORD);
        while (!server.next().startsWith("Refresh")) {
            // the opening's requests
        }

        transport.refresh();

        assertThat(server.next()).isEqualTo("ChannelBind 4000 40000");
        assertThat(server.next()).isEqualTo("Refresh " + TurnChannelTransport.ALLOCATION_LIFETIME_SECONDS);
    }

    @Test
    void closingReleasesTheAllocationWithASignedRefreshOfLifetimeZero() throws Exception {
        transport = open(FakeTurnServer.PASSWORD);
        while (!server.next().startsWith("Refresh")) {
            // the opening's requests
        }

        transport.close();

        assertThat(server.next()).isEqualTo("Refresh 0");
        assertThatThrownBy(() -> transport.send(ByteBuffer.allocate(1))).isInstanceOf(IOException.class);
    }

    @Test
    void aStaleNonceIsReplacedAndTheRequestSentAgain() throws Exception {
        server.answerTheNextSignedRequestWithAStaleNonce();

        transport = open(FakeTurnServer.PASSWORD);

        assertThat(server.next()).isEqualTo("ChannelBind unsigned");
        assertThat(server.next()).isEqualTo("ChannelBind stale");
        assertThat(server.next()).isEqualTo("ChannelBind 4000 40000");
        assertThat(transport.channel()).isEqualTo(0x4000);
    }

    @Test
    void wrongCredentialsFailTheOpeningAfterTheChallengesWithTheServersAnswer() {
        assertThatThrownBy(() -> open("not the password")).isInstanceOf(IOException.class)
                .hasMessageContaining(server.address().toString()).hasMessageContaining("401");
    }

    @Test
    void anAnswerSignedWithAnotherKeyFailsTheOpening() {
        server.signAnswersWithAWrongKey();

        assertThatThrownBy(() -> open(FakeTurnServer.PASSWORD)).isInstanceOf(IOException.class)
                .hasMessageContaining("MESSAGE-INTEGRITY");
    }

    @Test
    void aRefusedRefreshNamesTheServerAndItsCode() {
        server.refuseRefreshes(403);

        assertThatThrownBy(() -> open(FakeTurnServer.PASSWORD)).isInstanceOf(IOException.class)
                .hasMessageContaining("refused our Refresh: 403");
    }
}
