package im.tandem.openfire.offline;

import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.user.PresenceEventListener;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Cancels what is waiting for a user the moment one of their resources becomes available. Called on
 * Openfire's packet thread, so the cancelling is queued for the intake thread, after any message stored
 * before it.
 */
public final class PresenceWatcher implements PresenceEventListener {
    private final Intake intake;
    private final DigestIntake digests;

    public PresenceWatcher(Intake intake, DigestIntake digests) {
        this.intake = intake;
        this.digests = digests;
    }

    @Override
    public void availableSession(ClientSession session, Presence presence) {
        JID address = session.getAddress();
        if (address != null && address.getNode() != null) {
            String username = address.getNode();
            intake.offer(username + " coming online", () -> digests.userOnline(username));
        }
    }

    /** Going offline changes nothing: the next stored message starts a new digest. */
    @Override
    public void unavailableSession(ClientSession session, Presence presence) {
        // nothing to do
    }

    /** A change of show or status keeps the user available; nothing is waiting for them. */
    @Override
    public void presenceChanged(ClientSession session, Presence presence) {
        // nothing to do
    }

    /** Subscriptions are read from the roster when a message arrives. */
    @Override
    public void subscribedToPresence(JID subscriberJID, JID authorizerJID) {
        // nothing to do
    }

    /** Subscriptions are read from the roster when a message arrives. */
    @Override
    public void unsubscribedToPresence(JID unsubscriberJID, JID recipientJID) {
        // nothing to do
    }
}
