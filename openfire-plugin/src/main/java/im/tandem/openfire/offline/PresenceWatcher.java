package im.tandem.openfire.offline;

import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.user.PresenceEventListener;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Follows users' presence: cancels what is waiting for a user the moment one of their resources becomes
 * available, or comes back from away, and keeps the away tracker current. Called on Openfire's packet
 * thread, so the cancelling is queued for the intake thread, after any message taken before it.
 */
public final class PresenceWatcher implements PresenceEventListener {
    private final Intake intake;
    private final DigestIntake digests;
    private final AwayTracker away;

    public PresenceWatcher(Intake intake, DigestIntake digests, AwayTracker away) {
        this.intake = intake;
        this.digests = digests;
        this.away = away;
    }

    @Override
    public void availableSession(ClientSession session, Presence presence) {
        away.update(session.getAddress(), presence);
        cancelFor(session.getAddress(), "coming online");
    }

    @Override
    public void unavailableSession(ClientSession session, Presence presence) {
        away.gone(session.getAddress());
    }

    /** Back from away: what was relayed while away is no longer needed. */
    @Override
    public void presenceChanged(ClientSession session, Presence presence) {
        if (away.update(session.getAddress(), presence)) {
            cancelFor(session.getAddress(), "coming back");
        }
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

    private void cancelFor(JID address, String what) {
        if (address != null && address.getNode() != null) {
            String username = address.getNode();
            intake.offer(username + " " + what, () -> digests.userOnline(username));
        }
    }
}
