package im.tandem.client.jingle.session;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jxmpp.jid.FullJid;

import im.tandem.client.jingle.element.RejectedJingle;

/**
 * The checks every Jingle application makes before a request reaches its sessions, so that all of them answer
 * alike: a request the parser refused gets {@code <bad-request/>} when it was malformed, and
 * {@code <unsupported-info/>} or {@code <unknown-session/>} when it carried an unknown payload; a Jingle request
 * must come from a full JID. What passes goes to the application with its sender.
 */
public final class JingleRequestGate {
    private JingleRequestGate() {
    }

    /**
     * Answers {@code request}, handing a well-formed Jingle request from a full JID to {@code handler}.
     * {@code known} says whether a session is one of the application's.
     */
    public static JingleReply pass(IQ request, Predicate<SessionKey> known,
            BiFunction<Jingle, FullJid, JingleReply> handler) {
        FullJid peer = request.getFrom() == null ? null : request.getFrom().asFullJidIfPossible();
        if (request instanceof RejectedJingle rejected) {
            return rejected(rejected, peer, known);
        }
        if (!(request instanceof Jingle jingle)) {
            return JingleReply.of(JingleErrors.badRequest(request, "not a Jingle request"));
        }
        if (peer == null) {
            return JingleReply.of(JingleErrors.badRequest(jingle, "Jingle requests must come from a full JID"));
        }
        return handler.apply(jingle, peer);
    }

    private static JingleReply rejected(RejectedJingle rejected, FullJid peer, Predicate<SessionKey> known) {
        if (rejected.problem() == RejectedJingle.Problem.MALFORMED) {
            return JingleReply.of(JingleErrors.badRequest(rejected, rejected.explanation()));
        }
        Optional<SessionKey> key = peer == null ? Optional.empty()
                : rejected.sessionId().map(sid -> new SessionKey(peer, sid));
        return JingleReply.of(key.filter(known).isPresent()
                ? JingleErrors.unsupportedInfo(rejected, rejected.explanation())
                : JingleErrors.unknownSession(rejected));
    }
}
