package im.tandem.client.jingle.session;

import org.jivesoftware.smack.packet.AbstractIqBuilder;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.jingle.element.JingleError;

/** The error answers XEP-0166 §8 prescribes, each with a text saying what was wrong (see {@link ErrorText}). */
public final class JingleErrors {
    private JingleErrors() {
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
