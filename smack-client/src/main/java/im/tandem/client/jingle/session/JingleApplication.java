package im.tandem.client.jingle.session;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.FullJid;

/**
 * A Jingle application with sessions of its own, beside the XML stream sessions of {@link JingleSessions}: file
 * transfer (XEP-0234), for instance. It receives every session-initiate whose first content carries its
 * {@link #namespace() description}, and every later request for a session it {@link #owns owns}; it answers each
 * one itself, with the same error rules as the XML stream sessions.
 */
public interface JingleApplication {
    /** The namespace of the application's {@code <description/>}. */
    String namespace();

    /** Whether the session {@code key} is one of this application's. */
    boolean owns(SessionKey key);

    /** Answers a request (a {@code Jingle} or a {@code RejectedJingle}) for this application; never throws. */
    JingleReply handle(IQ request);

    /** The peer's resource went offline: its sessions are gone. */
    void peerWentOffline(FullJid peer);

    /** Our server connection closed: no session can be signalled any more. */
    void connectionLost();
}
