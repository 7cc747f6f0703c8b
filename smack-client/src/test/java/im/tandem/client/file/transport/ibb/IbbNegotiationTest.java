package im.tandem.client.file.transport.ibb;

import static im.tandem.client.file.transport.Contexts.JULIET;
import static im.tandem.client.file.transport.Contexts.ROMEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smackx.bytestreams.BytestreamRequest;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamSession;
import org.jivesoftware.smackx.bytestreams.ibb.packet.Open;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.file.transport.AnsweringConnection;
import im.tandem.client.file.transport.BadTransportException;
import im.tandem.client.file.transport.Contexts;
import im.tandem.client.file.transport.NegotiationContext;

/** XEP-0261: the block size the two parties agree on, the stream id they keep, and who may open the stream. */
class IbbNegotiationTest {
    private static final String SID = "ibb-sid-1";
    private static final Jid STRANGER = JidCreate.fromOrThrowUnchecked("tybalt@capulet.example/street");

    private final AnsweringConnection server = new AnsweringConnection();
    private final IbbAcceptor acceptor = IbbAcceptor.install(server.connection());

    @Test
    void theAnswerLowersALargerOfferedBlockSizeToOurs() throws Exception {
        IbbNegotiation juliet = IbbNegotiation.answer(juliet(4096), acceptor, offered(8192));

        assertThat(juliet.local().blockSize()).isEqualTo(4096);
        assertThat(juliet.local().sid()).isEqualTo(SID);
    }

    @Test
    void theAnswerNeverRaisesASmallerOfferedBlockSize() throws Exception {
        IbbNegotiation juliet = IbbNegotiation.answer(juliet(4096), acceptor, offered(2048));

        assertThat(juliet.local().blockSize()).isEqualTo(2048);
    }

    @Test
    void theAnswerRefusesAnotherTransport() {
        assertThatThrownBy(() -> IbbNegotiation.answer(juliet(4096), acceptor,
                S5bTransport.candidates(SID, "x", List.of()))).isInstanceOf(BadTransportException.class);
    }

    @Test
    void theInitiatorOpensTheStreamWithTheLowerBlockSizeAnswered() throws Exception {
        IbbNegotiation romeo = IbbNegotiation.offer(romeo(4096), acceptor);
        String sid = romeo.local().sid();

        romeo.start(new IbbTransport(2048, sid, IbbTransport.Stanza.IQ));

        assertThat(romeo.pipe().get(5, TimeUnit.SECONDS)).isInstanceOf(IbbPipe.class);
        assertThat(server.sent()).singleElement().isInstanceOfSatisfying(Open.class, open -> {
            assertThat(open.getBlockSize()).isEqualTo(2048);
            assertThat(open.getSessionID()).isEqualTo(sid);
            assertThat((Object) open.getTo()).isEqualTo(JULIET);
        });
    }

    @Test
    void theInitiatorRefusesAnAnswerThatRaisesTheBlockSize() {
        IbbNegotiation romeo = IbbNegotiation.offer(romeo(4096), acceptor);

        assertThatThrownBy(() -> romeo.start(new IbbTransport(4097, romeo.local().sid(), IbbTransport.Stanza.IQ)))
                .isInstanceOf(BadTransportException.class).hasMessageContaining("4096");
        assertThat(server.sent()).as("no stream opened").isEmpty();
    }

    @Test
    void theInitiatorRefusesAnAnswerWithAnotherStreamIdOrTransport() {
        IbbNegotiation romeo = IbbNegotiation.offer(romeo(4096), acceptor);

        assertThatThrownBy(() -> romeo.start(new IbbTransport(4096, "other", IbbTransport.Stanza.IQ)))
                .isInstanceOf(BadTransportException.class);
        assertThatThrownBy(() -> romeo.start(S5bTransport.candidates(romeo.local().sid(), "x", List.of())))
                .isInstanceOf(BadTransportException.class);
        assertThat(server.sent()).isEmpty();
    }

    @Test
    void theResponderAcceptsOnlyThePeersOpenOfTheAgreedStream() throws Exception {
        IbbNegotiation juliet = IbbNegotiation.answer(juliet(4096), acceptor, offered(4096));
        OpenRequest fromStranger = new OpenRequest(STRANGER, SID);
        OpenRequest otherStream = new OpenRequest(ROMEO, "other");
        OpenRequest agreed = new OpenRequest(ROMEO, SID);

        acceptor.incomingBytestreamRequest(fromStranger);
        acceptor.incomingBytestreamRequest(otherStream);
        assertThat(juliet.pipe()).isNotDone();
        acceptor.incomingBytestreamRequest(agreed);

        assertThat(fromStranger.answer).isEqualTo("rejected");
        assertThat(otherStream.answer).isEqualTo("rejected");
        assertThat(agreed.answer).isEqualTo("accepted");
        assertThat(juliet.pipe().get(5, TimeUnit.SECONDS)).isInstanceOf(IbbPipe.class);
    }

    @Test
    void aClosedNegotiationNoLongerAcceptsItsStream() throws Exception {
        IbbNegotiation juliet = IbbNegotiation.answer(juliet(4096), acceptor, offered(4096));
        OpenRequest late = new OpenRequest(ROMEO, SID);

        juliet.close();
        acceptor.incomingBytestreamRequest(late);

        assertThat(late.answer).isEqualTo("rejected");
    }

    private NegotiationContext romeo(int blockSize) {
        // Opening the stream blocks on the answer, so it runs on a thread of its own as with the real pool.
        return Contexts.romeo(server.connection(), blockSize, task -> new Thread(task).start(), this::noInfo);
    }

    private NegotiationContext juliet(int blockSize) {
        return Contexts.juliet(server.connection(), blockSize, Runnable::run, this::noInfo);
    }

    private void noInfo(JingleContentTransport info) {
        throw new AssertionError("XEP-0261 sends no transport-info, got " + info);
    }

    private static IbbTransport offered(int blockSize) {
        return new IbbTransport(blockSize, SID, IbbTransport.Stanza.IQ);
    }

    /** An incoming XEP-0047 open as Smack's manager hands it to the acceptor; remembers how it was answered. */
    private final class OpenRequest implements BytestreamRequest {
        private final Jid from;
        private final String sid;
        private volatile String answer = "not answered";

        OpenRequest(Jid from, String sid) {
            this.from = from;
            this.sid = sid;
        }

        @Override
        public Jid getFrom() {
            return from;
        }

        @Override
        public String getSessionID() {
            return sid;
        }

        @Override
        public BytestreamSession accept() {
            answer = "accepted";
            return new Session(from, sid);
        }

        @Override
        public void reject() {
            answer = "rejected";
        }
    }

    private final class Session extends InBandBytestreamSession {
        Session(Jid peer, String sid) {
            super(server.connection(), new Open(sid, 4096, InBandBytestreamManager.StanzaType.IQ), peer);
        }
    }
}
