package im.tandem.client.jingle.session;

import org.jxmpp.jid.FullJid;

/**
 * What identifies a session: the peer's full JID and the session ID. Keying on the peer as well as the sid means
 * a third party who learns a sid still cannot touch the session: the server stamps the sender's address, so its
 * requests never match.
 */
public record SessionKey(FullJid peer, String sid) {
}
