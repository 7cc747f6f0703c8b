package im.tandem.client.file.transport;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;
import org.jxmpp.jid.FullJid;

/**
 * What a transport negotiation works with: the two parties, which of them initiated the Jingle session, the
 * transport settings, a thread pool for blocking work, and a way to send the peer a transport-info.
 *
 * @param sendInfo sends a transport-info with this transport element for the session's content
 */
public record NegotiationContext(XMPPConnection connection, FullJid local, FullJid peer, boolean initiator,
                                 TransportSettings settings, Executor executor,
                                 Consumer<JingleContentTransport> sendInfo) {
    /** The Jingle initiator's full JID. */
    public FullJid initiatorJid() {
        return initiator ? local : peer;
    }

    /** The Jingle responder's full JID. */
    public FullJid responderJid() {
        return initiator ? peer : local;
    }
}
