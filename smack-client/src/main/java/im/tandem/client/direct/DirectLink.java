package im.tandem.client.direct;

import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.FullJid;

/** An open direct session with one contact's resource, carrying stanzas both ways. */
interface DirectLink {
    /** Told what arrives on a link and when it ends; called on the link's own thread. */
    interface Listener {
        void received(DirectLink link, Message message);

        /** Called once, whichever side or failure ended the link. */
        void ended(DirectLink link, String reason);
    }

    FullJid peer();

    RouteChange.DirectPath path();

    /** Queues a stanza for the peer and returns at once; a stanza queued on a failing link is simply lost. */
    void send(Message message);

    /** Ends the session and releases the path, in the background; the listener is not told. Idempotent. */
    void close(String reason);
}
