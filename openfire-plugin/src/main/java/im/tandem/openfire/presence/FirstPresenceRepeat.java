package im.tandem.openfire.presence;

import java.util.Optional;
import java.util.function.BiConsumer;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.openfire.interceptor.PacketInterceptor;
import org.jivesoftware.openfire.roster.RosterManager;
import org.jivesoftware.openfire.session.ClientSession;
import org.jivesoftware.openfire.session.Session;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

import im.tandem.openfire.routing.ServerAddress;

/**
 * Mends a race in Openfire before 4.3.0 (OF-1433): a session's first available presence (at login, or again after it
 * was unavailable, when Openfire probes the contacts anew) was sent to the user's contacts before the server recorded
 * it. A contact coming online in that moment missed the broadcast (it was not yet online) and, probing right after,
 * found the user not yet available: the user stayed offline on the contact's roster until their next presence change.
 * Two contacts logging in together met it often.
 * <p>
 * Once Openfire has recorded such a presence, this sends it to the user's contacts (and the user's other resources,
 * as Openfire's own broadcast does) once more. Any contact online by then gets it; one coming online later finds it
 * recorded when the server probes. Installed only on servers with the race: on later ones each login would only cost
 * every online contact a duplicate presence.
 */
public final class FirstPresenceRepeat implements PacketInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(FirstPresenceRepeat.class);

    /**
     * The first presence Openfire is processing on this thread, between the interceptor's two calls for it (Openfire
     * makes both on the thread that routes the stanza). Per thread, and replaced by the next presence, so a presence
     * whose second call never comes (an interceptor after this one rejected it) is not kept.
     */
    private final ThreadLocal<Presence> pending = new ThreadLocal<>();
    /** Sends a user's presence to their roster: Openfire's own broadcast, or a recorder in a unit test. */
    private final BiConsumer<JID, Presence> broadcast;

    FirstPresenceRepeat(BiConsumer<JID, Presence> broadcast) {
        this.broadcast = broadcast;
    }

    /** Whether this Openfire release broadcasts a first presence before recording it: every one before 4.3.0. */
    public static boolean needed(int major, int minor) {
        return major < 4 || major == 4 && minor < 3;
    }

    /** Installs the repeat on a server that needs it: the interceptor to remove when the plugin unloads. */
    public static Optional<FirstPresenceRepeat> installIfNeeded(int major, int minor) {
        if (!needed(major, minor)) {
            return Optional.empty();
        }
        FirstPresenceRepeat repeat = new FirstPresenceRepeat(FirstPresenceRepeat::broadcastToRoster);
        InterceptorManager.getInstance().addInterceptor(repeat);
        LOG.info("Openfire {}.{} records a first presence after sending it (OF-1433); Tandem sends it once more",
                major, minor);
        return Optional.of(repeat);
    }

    public void uninstall() {
        InterceptorManager.getInstance().removeInterceptor(this);
    }

    @Override
    public void interceptPacket(Packet packet, Session session, boolean incoming, boolean processed) {
        if (!incoming || !(packet instanceof Presence presence) || !(session instanceof ClientSession client)) {
            return;
        }
        if (!processed) {
            if (isBroadcast(presence) && !client.isInitialized()) {
                pending.set(presence);
            } else {
                pending.remove();
            }
        } else if (pending.get() == presence) {
            pending.remove();
            // Openfire recorded it (a session not yet logged in, or one closing, has its presence refused instead).
            if (client.getPresence() == presence) {
                // A copy: the broadcast addresses the stanza to each contact in turn.
                broadcast.accept(client.getAddress(), presence.createCopy());
            }
        }
    }

    /** An available presence for the user's contacts: addressed to no one, or to the server itself. */
    private static boolean isBroadcast(Presence presence) {
        return presence.getType() == null && ServerAddress.isServer(presence.getTo());
    }

    private static void broadcastToRoster(JID address, Presence presence) {
        if (!RosterManager.isRosterServiceEnabled() || address.getNode() == null) {
            return;
        }
        try {
            XMPPServer.getInstance().getRosterManager().getRoster(address.getNode()).broadcastPresence(presence);
        } catch (UserNotFoundException | RuntimeException e) {
            // The first broadcast went out; never let the repeat disturb Openfire's handling of the presence.
            LOG.warn("Could not repeat the first presence of {}: {}", address, e.toString());
        }
    }
}
