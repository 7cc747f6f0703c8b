package im.tandem.openfire.commands;

import java.util.Optional;
import java.util.Set;

import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Decides whether a request that continues a command session (XEP-0050, a request with a session id) may go on.
 * Only the full JID that started a session may continue it: a user's other client starts its own session
 * (Openfire counts sessions per full JID, and its bookkeeping breaks when another JID ends one), and nobody else
 * may act on the owner's account. A session continues only under the command it was started for, and a Tandem
 * command only in a session we know.
 */
final class SessionCheck {
    /** Why a continuation is refused, as the requester is told. */
    enum Refusal {
        NOT_OWNER(PacketError.Condition.forbidden,
                "This command session was started by someone else; only who started it may continue it."),
        OTHER_COMMAND(PacketError.Condition.bad_request,
                "This command session belongs to another command; start this command instead."),
        UNKNOWN_SESSION(PacketError.Condition.bad_request,
                "This command session is unknown or has expired; start the command again.");

        private final PacketError.Condition condition;
        private final String text;

        Refusal(PacketError.Condition condition, String text) {
            this.condition = condition;
            this.text = text;
        }

        PacketError.Condition condition() {
            return condition;
        }

        String text() {
            return text;
        }
    }

    private final CommandSessions sessions;
    private final Set<String> nodes;

    /** @param nodes the nodes of the Tandem commands that have stages */
    SessionCheck(CommandSessions sessions, Set<String> nodes) {
        this.sessions = sessions;
        this.nodes = Set.copyOf(nodes);
    }

    /** Empty when {@code requester} may continue session {@code sessionId} with command {@code node}. */
    Optional<Refusal> check(JID requester, String sessionId, String node) {
        Optional<CommandSessions.Started> started = sessions.find(sessionId);
        if (started.isEmpty()) {
            return nodes.contains(node) ? Optional.of(Refusal.UNKNOWN_SESSION) : Optional.empty();
        }
        if (!started.get().owner().equals(requester)) {
            return Optional.of(Refusal.NOT_OWNER);
        }
        if (!started.get().node().equals(node)) {
            return Optional.of(Refusal.OTHER_COMMAND);
        }
        return Optional.empty();
    }
}
