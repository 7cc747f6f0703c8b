package im.tandem.openfire.commands;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.xmpp.packet.JID;

/**
 * Who started each session of a Tandem command, and for which command. Openfire keeps this too, but checks neither
 * when a session is continued: whoever names the session id gets the owner's session, under whatever command node
 * he names. A session is forgotten when it ends, or once Openfire's own session timeout has passed.
 */
final class CommandSessions {
    /** A session as its first stage was shown: its owner (a full JID) and its command's node. */
    record Started(JID owner, String node, Instant at) {
    }

    private final Map<String, Started> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Supplier<Duration> timeout;

    /** @param timeout how long Openfire keeps a command session (its {@code xmpp.command.timeout}) */
    CommandSessions(Clock clock, Supplier<Duration> timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    void started(String sessionId, JID owner, String node) {
        Instant now = clock.instant();
        Instant expired = now.minus(timeout.get());
        sessions.values().removeIf(session -> session.at().isBefore(expired));
        sessions.put(sessionId, new Started(owner, node, now));
    }

    Optional<Started> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    void ended(String sessionId) {
        sessions.remove(sessionId);
    }
}
