package im.tandem.client.jingle.session;

import java.util.function.Consumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.FullJid;

/** How sessions reach the peer: over the server connection in production, a recorder in tests. */
public interface JingleSignalling {
    /** Our own full JID, the initiator or responder in the requests we send. */
    FullJid localJid();

    /**
     * Sends a Jingle request without waiting. {@code onFailure} is called if the peer answers with an error or
     * not at all, or if it cannot be sent.
     */
    void request(Jingle request, Consumer<Exception> onFailure);

    /** Sends the answer to a request we received. */
    void respond(IQ response);
}
