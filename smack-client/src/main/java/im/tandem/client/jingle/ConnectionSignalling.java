package im.tandem.client.jingle;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.session.JingleSignalling;

/** Jingle signalling over the account's server connection. */
final class ConnectionSignalling implements JingleSignalling {
    private static final Logger LOG = Logger.getLogger(ConnectionSignalling.class.getName());

    private final XMPPConnection connection;

    ConnectionSignalling(XMPPConnection connection) {
        this.connection = connection;
    }

    @Override
    public FullJid localJid() {
        return connection.getUser();
    }

    /** Waits for the peer's answer up to the connection's reply timeout, without blocking the caller. */
    @Override
    public void request(Jingle request, Consumer<Exception> onFailure) {
        connection.sendIqRequestAsync(request).onError(onFailure::accept);
    }

    @Override
    public void respond(IQ response) {
        try {
            connection.sendStanza(response);
        } catch (SmackException.NotConnectedException e) {
            // The connection-closed listener ends every session; the peer's request simply goes unanswered.
            LOG.log(Level.FINE, "cannot answer a Jingle request: not connected", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
