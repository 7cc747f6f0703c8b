package im.tandem.client.direct;

import static im.tandem.client.direct.AttemptBench.ALICE;
import static im.tandem.client.direct.AttemptBench.BOB_RESOURCE;
import static im.tandem.client.direct.AttemptBench.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import im.tandem.client.chat.Route;
import im.tandem.client.ice.UnusableTransportException;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.channel.ChannelHandshakeException;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.session.PathType;

/** The peer's attempt, answered step by step: offer read, answer sent, ICE as controlled, then the channel. */
class IceAttemptAnswerTest {
    private final AttemptBench bench = new AttemptBench();
    private final ExecutorService bobsSide = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBob() {
        bobsSide.shutdownNow();
    }

    @Test
    void anOfferIsAnsweredThenIceRunsAsControlledAndTheChannelTakesTheConversationDirect() throws Exception {
        answered();
        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_accept);
        assertThat(bench.ice().fromPeer).as("the offer").hasSize(1);
        assertThat(bench.ice().connectedAsInitiator).isFalse();

        ChannelIdentity ours = ChannelIdentity.generate();
        ChannelIdentity bobs = ChannelIdentity.generate();
        MemoryDatagrams datagrams = new MemoryDatagrams();
        CompletableFuture<Channel> bob = CompletableFuture.supplyAsync(() -> {
            try {
                return Channel.open(datagrams.bob, bobs, ours.fingerprint(), Channel.Role.CLIENT,
                        ChannelConfig.defaults(), cause -> { });
            } catch (ChannelHandshakeException e) {
                throw new CompletionException(e);
            }
        }, bobsSide);
        bench.ice().channel = onFailure -> Channel.open(datagrams.alice, ours, bobs.fingerprint(),
                Channel.Role.SERVER, ChannelConfig.defaults(), onFailure);
        bench.ice().connection.complete(FakeIce.PATH);
        bench.background.runAll();

        assertThat(bench.routes).singleElement().satisfies(change -> {
            assertThat(change.route()).isEqualTo(Route.DIRECT);
            assertThat(change.path()).get().extracting(RouteChange.DirectPath::type).isEqualTo(PathType.HOST);
        });
        String header = StanzaStream.header(ALICE, BOB_RESOURCE);
        byte[] arrived = bob.get(10, TimeUnit.SECONDS).input().readNBytes(header.length());
        assertThat(new String(arrived, StandardCharsets.UTF_8)).as("the link's stream, on the channel")
                .isEqualTo(header);
        bench.conversation.close();
        bench.background.runAll();
        assertThat(bench.ice().closes).as("the link released the path").isEqualTo(1);
    }

    @Test
    void anUnusableOfferIsEndedWithIncompatibleParameters() {
        bench.bobOffers("s1");
        bench.ice().refusePeer = new UnusableTransportException("no fingerprint in the offer");
        bench.background.runAll();

        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.incompatible_parameters);
        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: no fingerprint in the offer");
    }

    @Test
    void aContactNoLongerMutualWhenAnsweringIsDeclined() {
        bench.bobOffers("s1");
        bench.mutualContacts.clear();
        bench.background.runAll();

        assertThat(bench.sent).extracting(jingle -> jingle.getAction()).doesNotContain(JingleAction.session_accept);
        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.decline);
        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: no longer a mutual contact");
    }

    @Test
    void aFailedChannelHandshakeIsASecurityError() {
        answered();

        bench.ice().connection.complete(FakeIce.PATH);
        bench.background.runAll();

        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.security_error);
        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: the encrypted channel failed: the peer's fingerprint did not match");
        // Released by the attempt, and again (closing is idempotent) by the half-opened link, which already
        // follows the session when the handshake fails.
        assertThat(bench.ice().closes).isPositive();
    }

    @Test
    void theDeadlineEndsAnAnswerStillConnectingAndALatePathChangesNothing() {
        answered();

        bench.clock.advance(CONFIG.setupTimeout());
        bench.ice().connection.complete(FakeIce.PATH);
        bench.background.runAll();

        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.timeout);
        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: not set up within " + CONFIG.setupTimeout().toMillis() + " ms");
    }

    @Test
    void thePeerTerminatingWhileConnectingEndsTheAttemptOnce() {
        answered();

        bench.bobTerminates(JingleReason.Reason.cancel);
        bench.background.runAll();
        bench.ice().connection.complete(FakeIce.PATH);
        bench.background.runAll();
        bench.clock.advance(CONFIG.setupTimeout());

        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: the session ended (cancel)");
        assertThat(bench.ice().closes).isEqualTo(1);
    }

    @Test
    void cancelledBeforeAnsweringNothingIsAcceptedOrReported() {
        bench.bobOffers("s1");

        bench.conversation.close();
        bench.background.runAll();

        assertThat(bench.sent).extracting(jingle -> jingle.getAction()).containsExactly(JingleAction.session_terminate);
        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.cancel);
        assertThat(bench.routes).isEmpty();
    }

    /** Bob's offer arrives, and the background answers it. */
    private void answered() {
        bench.bobOffers("s1");
        bench.background.runAll();
    }
}
