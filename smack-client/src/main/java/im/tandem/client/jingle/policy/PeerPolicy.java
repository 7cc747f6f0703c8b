package im.tandem.client.jingle.policy;

import org.jxmpp.jid.BareJid;

/**
 * Decides who may have a direct session with us. A direct session tells the peer our IP addresses (in the
 * candidates, and again in the connectivity checks), so the answer also decides who ever sees them.
 */
@FunctionalInterface
public interface PeerPolicy {
    boolean mayConnectDirectly(BareJid peer);
}
