package im.tandem.client.jingle.session;

import java.util.Optional;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.AbstractIqBuilder;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleError;
import org.jxmpp.jid.Jid;

/** The error answers XEP-0166 §8 prescribes, each with a text saying what was wrong (see {@link ErrorText}). */
public final class JingleErrors {
    private JingleErrors() {
    }

    /**
     * The bad-request answer to a session-initiate that names another initiator than its sender, has no content,
     * or has a content that is not {@code complete}; {@code needs} says what a content must carry (such as
     * "a <description/> and a <transport/>"). Empty for a well-formed one.
     */
    public static Optional<IQ> malformedInitiate(Jingle jingle, Jid sender, Predicate<JingleContent> complete,
            String needs) {
        if (jingle.getInitiator() != null && !jingle.getInitiator().equals(sender)) {
            return Optional.of(badRequest(jingle,
                    "initiator " + jingle.getInitiator() + " is not the sender " + sender));
        }
        if (jingle.getContents().isEmpty()) {
            return Optional.of(badRequest(jingle, "session-initiate needs a <content/>"));
        }
        for (JingleContent content : jingle.getContents()) {
            if (!complete.test(content)) {
                return Optional.of(badRequest(jingle, "content '" + content.getName() + "' needs " + needs));
            }
        }
        return Optional.empty();
    }

    /** The request is not what the specification allows. */
    public static IQ badRequest(IQ request, String text) {
        return error(request, StanzaError.Condition.bad_request, null, text);
    }

    /** The sid names no session we have with the sender (perhaps one we already ended). */
    public static IQ unknownSession(IQ request) {
        return error(request, StanzaError.Condition.item_not_found, JingleError.UNKNOWN_SESSION,
                "no such session with you");
    }

    /** The action does not fit the session's current state. */
    public static IQ outOfOrder(IQ request, String text) {
        return error(request, StanzaError.Condition.unexpected_request, JingleError.OUT_OF_ORDER, text);
    }

    /** A session-info payload we do not understand. */
    public static IQ unsupportedInfo(IQ request, String text) {
        return error(request, StanzaError.Condition.feature_not_implemented, JingleError.UNSUPPORTED_INFO, text);
    }

    /** An action we do not implement, such as content-add or transport-replace. */
    public static IQ notImplemented(IQ request, String text) {
        return error(request, StanzaError.Condition.feature_not_implemented, null, text);
    }

    /** Our own failure; the request may be fine. */
    public static IQ internalError(IQ request) {
        return error(request, StanzaError.Condition.internal_server_error, null, "the client failed to handle this");
    }

    /**
     * Condition, text, then the Jingle condition: the order RFC 6120 §8.3.2 gives an error's children. The
     * request is not echoed back (RFC 6120 makes that optional): it may be what we could not parse, and a stub of
     * it would make stock Smack's Jingle parser fail at the sender.
     */
    private static IQ error(IQ request, StanzaError.Condition condition, ExtensionElement jingleCondition,
            String text) {
        StanzaError.Builder error = StanzaError.getBuilder(condition).addExtension(new ErrorText(text));
        if (jingleCondition != null) {
            error.addExtension(jingleCondition);
        }
        return ErrorIQ.builder(error.build(), AbstractIqBuilder.createErrorResponse(request)).build();
    }
}
