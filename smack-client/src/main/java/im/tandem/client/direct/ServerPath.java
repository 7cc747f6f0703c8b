package im.tandem.client.direct;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;

/** Ordinary XMPP messages through the user's server. */
@FunctionalInterface
interface ServerPath {
    void send(Message message) throws SmackException.NotConnectedException, InterruptedException;
}
