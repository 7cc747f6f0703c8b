package im.tandem.client.file.transport.ibb;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smackx.bytestreams.BytestreamListener;
import org.jivesoftware.smackx.bytestreams.BytestreamRequest;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamManager;
import org.jivesoftware.smackx.bytestreams.ibb.InBandBytestreamSession;
import org.jxmpp.jid.Jid;

/**
 * Accepts the in-band bytestreams our file sessions agreed on, and only those: an IBB {@code <open/>} is accepted
 * when its sender and sid match a session-accept or transport-accept we sent, and refused (XEP-0047's
 * {@code <not-acceptable/>}) otherwise, so nobody can push a bytestream at us outside a Jingle session.
 */
public final class IbbAcceptor implements BytestreamListener {
    private static final Logger LOG = Logger.getLogger(IbbAcceptor.class.getName());

    private final Map<Key, CompletableFuture<InBandBytestreamSession>> expected = new ConcurrentHashMap<>();

    private IbbAcceptor() {
    }

    /** Listens to every IBB open on the connection (Smack refuses them all when nobody listens). */
    public static IbbAcceptor install(XMPPConnection connection) {
        IbbAcceptor acceptor = new IbbAcceptor();
        InBandBytestreamManager.getByteStreamManager(connection).addIncomingBytestreamListener(acceptor);
        return acceptor;
    }

    /** Completes when {@code peer} opens the bytestream {@code sid}. */
    CompletableFuture<InBandBytestreamSession> expect(Jid peer, String sid) {
        return expected.computeIfAbsent(new Key(peer, sid), key -> new CompletableFuture<>());
    }

    void forget(Jid peer, String sid) {
        expected.remove(new Key(peer, sid));
    }

    @Override
    public void incomingBytestreamRequest(BytestreamRequest request) {
        CompletableFuture<InBandBytestreamSession> waiting =
                expected.remove(new Key(request.getFrom(), request.getSessionID()));
        try {
            if (waiting == null) {
                LOG.fine(() -> "refused an in-band bytestream " + request.getSessionID() + " from "
                        + request.getFrom() + " that no file session agreed on");
                request.reject();
                return;
            }
            waiting.complete((InBandBytestreamSession) request.accept());
        } catch (XMPPException | SmackException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot answer the in-band bytestream " + request.getSessionID(), e);
            if (waiting != null) {
                waiting.completeExceptionally(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Key(Jid peer, String sid) {
    }
}
