package im.tandem.client.jingle.policy;

import org.jxmpp.jid.BareJid;

/** We will not share our addresses with this peer: it is not a mutual contact. Nothing was sent to it. */
public final class DirectSessionRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public DirectSessionRefusedException(BareJid peer) {
        super(peer + " is not a mutual contact: direct sessions reveal our IP addresses, so they are only made with"
                + " contacts subscribed to each other's presence (subscription 'both')");
    }
}
