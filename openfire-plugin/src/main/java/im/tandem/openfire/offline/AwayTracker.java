package im.tandem.openfire.offline;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Since when each of a user's devices on this server has been away (away, xa or dnd), from the presence
 * Openfire reports. Presence is the state of a live session, which lives on the server the device is
 * connected to; it is not stored, as Openfire does not store it either. Updated on Openfire's packet
 * threads: only map updates, no I/O.
 */
public final class AwayTracker {
    /** User to resource to the moment it went away, empty while it is present. */
    private final Map<String, Map<String, Optional<Instant>>> users = new ConcurrentHashMap<>();
    private final Clock clock;

    public AwayTracker(Clock clock) {
        this.clock = clock;
    }

    /** An available presence: no show or "chat" is present; away, xa and dnd are away. */
    public static boolean isPresent(Presence presence) {
        Presence.Show show = presence.getShow();
        return presence.isAvailable() && (show == null || show == Presence.Show.chat);
    }

    /**
     * The resource's new available presence. Going from one kind of away to another keeps the first moment.
     * Returns true when the resource was away and is present now: the user came back.
     */
    public boolean update(JID resource, Presence presence) {
        if (resource == null || resource.getNode() == null) {
            return false;
        }
        Map<String, Optional<Instant>> devices = users.computeIfAbsent(resource.getNode(),
                user -> new ConcurrentHashMap<>());
        String device = String.valueOf(resource.getResource());
        if (isPresent(presence)) {
            Optional<Instant> before = devices.put(device, Optional.empty());
            return before != null && before.isPresent();
        }
        devices.compute(device, (key, since) -> since != null && since.isPresent() ? since
                : Optional.of(clock.instant()));
        return false;
    }

    /** The resource went offline. */
    public void gone(JID resource) {
        if (resource == null || resource.getNode() == null) {
            return;
        }
        users.computeIfPresent(resource.getNode(), (user, devices) -> {
            devices.remove(String.valueOf(resource.getResource()));
            return devices.isEmpty() ? null : devices;
        });
    }

    /** When the last of the user's devices here went away, if every one of them is away; empty otherwise. */
    public Optional<Instant> allAwaySince(String username) {
        Map<String, Optional<Instant>> devices = users.get(username);
        if (devices == null) {
            return Optional.empty();
        }
        Instant latest = null;
        for (Optional<Instant> since : devices.values()) {
            if (since.isEmpty()) {
                return Optional.empty();
            }
            latest = latest == null || since.get().isAfter(latest) ? since.get() : latest;
        }
        return Optional.ofNullable(latest);
    }
}
