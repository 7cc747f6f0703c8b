package im.tandem.client.file.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.junit.jupiter.api.Test;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.BytePipe;
import im.tandem.client.file.transport.Contexts;
import im.tandem.client.file.transport.NegotiationContext;
import im.tandem.client.ice.IceChannelSetup;
import im.tandem.client.ice.UnusableTransportException;
import im.tandem.client.jingle.JingleSamples;
import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceUdpTransport;
import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.session.IcePath;

/**
 * The order of the ICE exchange in a file session: the credentials come first (in the offer or the answer), once,
 * and only then trickled candidates. The set-up is scripted past reading the peer, so nothing gathers or connects.
 */
class IceNegotiationTest {
    private static final IceUdpTransport ANSWER = IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS)
            .fingerprint(new DtlsFingerprint("sha-256", DtlsSetup.ACTIVE, JingleSamples.SHA256_HEX))
            .candidate(JingleSamples.host()).build();
    /** A transport-info: candidates with the credentials they belong to, no fingerprint. */
    private static final IceUdpTransport TRICKLED = IceUdpTransport.builder().credentials(JingleSamples.CREDENTIALS)
            .candidate(JingleSamples.serverReflexive()).build();

    private final ScriptedSetup offering = new ScriptedSetup(IceChannelSetup.offering());
    private final IceNegotiation romeo = new IceNegotiation(context(true), offering, JingleSamples.transport());

    @Test
    void candidatesBeforeTheCredentialsAreRefused() {
        assertThatThrownBy(() -> romeo.info(TRICKLED)).isInstanceOf(BadTransportException.class)
                .hasMessageContaining("before the ICE credentials");
        assertThat(offering.trickled).isEmpty();
    }

    @Test
    void theOffererReadsTheAnswerThenConnectsAsTheSessionsInitiator() throws Exception {
        romeo.start(ANSWER);

        assertThat(offering.ice.peerRead()).isTrue();
        assertThat(offering.connectedAs).containsExactly(true);
    }

    @Test
    void trickledCandidatesAfterTheStartGoToIce() throws Exception {
        romeo.start(ANSWER);

        romeo.info(TRICKLED);

        assertThat(offering.trickled).containsExactly(TRICKLED);
    }

    @Test
    void aSecondStartIsRefused() throws Exception {
        romeo.start(ANSWER);

        assertThatThrownBy(() -> romeo.start(ANSWER)).isInstanceOf(BadTransportException.class)
                .hasMessageContaining("already exchanged");
        assertThat(offering.connectedAs).hasSize(1);
    }

    @Test
    void anAnswerICannotUseIsRefusedAndLeavesTheNegotiationUnstarted() throws Exception {
        assertThatThrownBy(() -> romeo.start(JingleSamples.transport()))
                .as("an answer must choose active or passive, not actpass").isInstanceOf(BadTransportException.class);
        assertThat(offering.connectedAs).isEmpty();

        romeo.start(ANSWER);
        assertThat(offering.connectedAs).containsExactly(true);
    }

    @Test
    void theAnswererStartsWithTheOfferItReadAlreadyAndConnectsAsResponder() throws Exception {
        IceChannelSetup answering = IceChannelSetup.answering();
        answering.readPeer(JingleSamples.transport());
        ScriptedSetup setup = new ScriptedSetup(answering);
        IceNegotiation juliet = new IceNegotiation(context(false), setup, ANSWER);

        // Reading the offer a second time would be refused by the set-up itself.
        juliet.start(JingleSamples.transport());

        assertThat(setup.connectedAs).containsExactly(false);
    }

    @Test
    void anotherTransportIsRefusedEverywhere() {
        IbbTransport ibb = new IbbTransport(4096, "sid", IbbTransport.Stanza.IQ);

        assertThatThrownBy(() -> romeo.start(ibb)).isInstanceOf(BadTransportException.class)
                .hasMessageContaining(IceUdpTransport.NAMESPACE);
        assertThatThrownBy(() -> romeo.info(ibb)).isInstanceOf(BadTransportException.class);
        assertThatThrownBy(() -> IceNegotiation.answer(context(false), ibb)).isInstanceOf(BadTransportException.class);
        assertThat(offering.connectedAs).isEmpty();
    }

    /** Refused before anything is gathered: the offer's missing credentials are found on reading it. */
    @Test
    void anOfferWithoutCredentialsIsRefused() {
        IceUdpTransport noCredentials = IceUdpTransport.builder().fingerprint(JingleSamples.fingerprint()).build();

        assertThatThrownBy(() -> IceNegotiation.answer(context(false), noCredentials))
                .isInstanceOf(BadTransportException.class).hasMessageContaining("credentials");
    }

    @Test
    void theSelectedPathBecomesThePipe() throws Exception {
        romeo.start(ANSWER);

        offering.path.complete(null);

        assertThat(romeo.pipe().get(5, TimeUnit.SECONDS)).isSameAs(offering.pipe);
    }

    @Test
    void noPathFailsThePipe() throws Exception {
        romeo.start(ANSWER);

        offering.path.completeExceptionally(new IOException("no candidate pair answered"));

        assertThatThrownBy(() -> romeo.pipe().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("no candidate pair answered");
    }

    @Test
    void closingFailsThePipeAndReleasesTheSetup() {
        romeo.close();

        assertThat(romeo.pipe()).isCompletedExceptionally();
        assertThat(offering.closed).isTrue();
    }

    private static NegotiationContext context(boolean initiator) {
        return initiator ? Contexts.romeo(null, 4096, Runnable::run, IceNegotiationTest::noInfo)
                : Contexts.juliet(null, 4096, Runnable::run, IceNegotiationTest::noInfo);
    }

    private static void noInfo(JingleContentTransport info) {
        throw new AssertionError("the negotiation sends no transport-info of its own, got " + info);
    }

    /**
     * Reads the peer with a real, ungathered {@link IceChannelSetup} (so its checks apply) and scripts the rest:
     * connecting records the role and waits for the test to pick a path, and the pipe is a stand-in.
     */
    private static final class ScriptedSetup implements IceNegotiation.Setup {
        final IceChannelSetup ice;
        final List<Boolean> connectedAs = new CopyOnWriteArrayList<>();
        final List<IceUdpTransport> trickled = new CopyOnWriteArrayList<>();
        final CompletableFuture<IcePath> path = new CompletableFuture<>();
        final BytePipe pipe = new NoBytes();
        volatile boolean closed;

        ScriptedSetup(IceChannelSetup ice) {
            this.ice = ice;
        }

        @Override
        public boolean peerRead() {
            return ice.peerRead();
        }

        @Override
        public void readPeer(IceUdpTransport first) throws UnusableTransportException {
            ice.readPeer(first);
        }

        @Override
        public void addCandidates(IceUdpTransport transport) {
            trickled.add(transport);
        }

        @Override
        public CompletableFuture<IcePath> connect(boolean jingleInitiator) {
            connectedAs.add(jingleInitiator);
            return path;
        }

        @Override
        public BytePipe openPipe(IcePath selected, ChannelConfig config, Channel.FailureListener onFailure) {
            return pipe;
        }

        @Override
        public void close() {
            closed = true;
            ice.close();
        }
    }

    private static final class NoBytes implements BytePipe {
        @Override
        public InputStream input() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream output() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void close() {
        }
    }
}
