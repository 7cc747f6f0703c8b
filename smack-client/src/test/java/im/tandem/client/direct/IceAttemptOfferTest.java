package im.tandem.client.direct;

import static im.tandem.client.direct.AttemptBench.BOB_RESOURCE;
import static im.tandem.client.direct.AttemptBench.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.junit.jupiter.api.Test;

import im.tandem.client.chat.Route;
import im.tandem.client.jingle.JingleSamples;

/**
 * Our own attempt, step by step: offer, answer, ICE, and each way it can end before a channel. The conversation's
 * first message starts it; each test runs the background when the attempt would.
 */
class IceAttemptOfferTest {
    private final AttemptBench bench = new AttemptBench();

    @Test
    void theOfferCarriesOurCandidatesAndTheAnswerStartsIceAsControlling() throws Exception {
        offerSent();

        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_initiate);
        assertThat((Object) bench.lastSent().getTo()).isEqualTo(BOB_RESOURCE);
        assertThat(bench.ice().connectedAsInitiator).as("not before the answer").isNull();

        bench.bobAccepts(JingleSamples.transport());

        assertThat(bench.ice().fromPeer).hasSize(1);
        assertThat(bench.ice().connectedAsInitiator).isTrue();
        assertThat(bench.routes).isEmpty();
    }

    @Test
    void noIcePathFailsTheAttemptOnceAndEndsTheSession() throws Exception {
        offerSent();
        bench.bobAccepts(JingleSamples.transport());

        bench.ice().connection.completeExceptionally(new IOException("every candidate pair failed"));
        bench.background.runAll();
        bench.clock.advance(CONFIG.setupTimeout());

        assertThat(bench.routes).singleElement().satisfies(change -> {
            assertThat(change.route()).isEqualTo(Route.SERVER);
            assertThat(change.reason()).isEqualTo("no direct session: no ICE path: every candidate pair failed");
        });
        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.failed_transport);
        assertThat(bench.ice().closes).isEqualTo(1);
    }

    @Test
    void anAttemptNotSetUpInTimeEndsAtTheDeadline() throws Exception {
        offerSent();

        bench.clock.advance(CONFIG.setupTimeout().minusMillis(1));
        assertThat(bench.routes).isEmpty();
        bench.clock.advance(Duration.ofMillis(1));

        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: not set up within " + CONFIG.setupTimeout().toMillis() + " ms");
        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.timeout);
        assertThat(bench.ice().closes).isEqualTo(1);
    }

    @Test
    void aContactWhoIsNotMutualEndsTheAttemptQuietlyAndIsTriedAgainLater() throws Exception {
        bench.mutualContacts.clear();

        bench.conversation.send("hello");
        bench.background.runAll();

        assertThat(bench.sent).as("nothing offered").isEmpty();
        assertThat(bench.routes).as("the user is not told").isEmpty();
        assertThat(bench.ice().closes).isEqualTo(1);
        bench.clock.advance(CONFIG.retryDelay());
        bench.conversation.send("later");
        assertThat(bench.ices).as("the conversation heard the attempt end, and tries again").hasSize(2);
    }

    @Test
    void aContactWithoutTandemIsNotOfferedAnythingAndNotTold() throws Exception {
        bench.bobIsTandem = false;

        bench.conversation.send("hello");
        bench.background.runAll();

        assertThat(bench.sent).isEmpty();
        assertThat(bench.routes).isEmpty();
        assertThat(bench.ice().closes).isEqualTo(1);
    }

    @Test
    void thePeerTerminatingEndsTheAttemptOnce() throws Exception {
        offerSent();
        int sentBefore = bench.sent.size();

        bench.bobTerminates(JingleReason.Reason.busy);
        bench.background.runAll();
        bench.clock.advance(CONFIG.setupTimeout());

        assertThat(bench.routes).singleElement().extracting(RouteChange::reason)
                .isEqualTo("no direct session: the session ended (busy)");
        assertThat(bench.sent).as("nothing more to tell the peer").hasSize(sentBefore);
        assertThat(bench.ice().closes).isEqualTo(1);
    }

    @Test
    void cancelledWhileGatheringNothingIsOffered() throws Exception {
        bench.conversation.send("hello");

        bench.conversation.close();
        bench.background.runAll();

        assertThat(bench.sent).isEmpty();
        assertThat(bench.routes).isEmpty();
    }

    @Test
    void cancelledAfterTheOfferTheSessionEndsWithCancelAndNothingIsReported() throws Exception {
        offerSent();

        bench.conversation.close();
        bench.background.runAll();
        bench.clock.advance(CONFIG.setupTimeout());

        assertThat(bench.lastSent().getAction()).isEqualTo(JingleAction.session_terminate);
        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.cancel);
        assertThat(bench.routes).isEmpty();
        assertThat(bench.ice().closes).isEqualTo(1);
    }

    @Test
    void cancelledWhileConnectingALatePathIsNotUsed() throws Exception {
        offerSent();
        bench.bobAccepts(JingleSamples.transport());

        bench.conversation.close();
        bench.ice().connection.complete(FakeIce.PATH);
        bench.background.runAll();

        assertThat(bench.lastSent().getReason().asEnum()).isEqualTo(JingleReason.Reason.cancel);
        assertThat(bench.routes).isEmpty();
    }

    /** The first message starts the attempt; running the background sends the offer. */
    private void offerSent() throws Exception {
        bench.conversation.send("hello");
        bench.background.runAll();
    }
}
