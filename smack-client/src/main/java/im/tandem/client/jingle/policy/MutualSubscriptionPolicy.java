package im.tandem.client.jingle.policy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.RosterLoadedListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.BareJid;

/**
 * Direct sessions only with contacts whose presence subscription is mutual ({@code both} in RFC 6121 terms).
 *
 * <p>Why both ways and not just {@code from} (they see our presence): an ICE session exposes addresses in both
 * directions, so each user's consent is needed; on our side, {@code from} is our consent. Requiring {@code to}
 * as well means the peer consented too, and it is how we know the peer's online resources at all. XEP-0176
 * §Security Considerations recommends exactly this kind of explicit authorisation (a presence subscription in
 * the roster) before sending candidates. A subscription still pending (asked, not yet approved) does not count;
 * neither do our own account's other resources, which are not in our roster.
 *
 * <p>Smack loads the roster just after login, and a contact who sees us come online may send an offer at once:
 * the policy then waits for the roster, for at most {@code rosterWait}, instead of wrongly declining a contact.
 * If the roster still is not there, nobody qualifies, which is the safe side.
 */
public final class MutualSubscriptionPolicy implements PeerPolicy {
    private final Roster roster;
    private final Duration rosterWait;

    public MutualSubscriptionPolicy(Roster roster, Duration rosterWait) {
        this.roster = roster;
        this.rosterWait = rosterWait;
    }

    @Override
    public boolean mayConnectDirectly(BareJid peer) {
        if (!awaitRoster()) {
            return false;
        }
        RosterEntry entry = roster.getEntry(peer);
        return entry != null && allows(entry.getType());
    }

    /** The rule itself: only a mutual subscription qualifies. */
    static boolean allows(RosterPacket.ItemType subscription) {
        return subscription == RosterPacket.ItemType.both;
    }

    private boolean awaitRoster() {
        if (roster.isLoaded()) {
            return true;
        }
        CountDownLatch settled = new CountDownLatch(1);
        RosterLoadedListener listener = new RosterLoadedListener() {
            @Override
            public void onRosterLoaded(Roster loaded) {
                settled.countDown();
            }

            @Override
            public void onRosterLoadingFailed(Exception exception) {
                settled.countDown();
            }
        };
        roster.addRosterLoadedListener(listener);
        try {
            // Checked again after registering: the roster may have arrived in between.
            return roster.isLoaded()
                    || settled.await(rosterWait.toMillis(), TimeUnit.MILLISECONDS) && roster.isLoaded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            roster.removeRosterLoadedListener(listener);
        }
    }
}
