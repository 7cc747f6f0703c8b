package im.tandem.client.jingle.element;

import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smackx.jingle.element.Jingle;

/**
 * A {@code <jingle/>} request that the parser already knows must be answered with an error. Smack disconnects
 * the whole connection when a provider throws, so a peer's bad stanza would knock us offline; instead the parser
 * returns this in place of a {@link Jingle} and the request handler answers it.
 */
public final class RejectedJingle extends IQ {
    /** Why the request cannot be processed. */
    public enum Problem {
        /** Not what XEP-0166 and its transports allow: answered with {@code <bad-request/>}. */
        MALFORMED,
        /** A session-info payload we do not understand: answered with {@code <unsupported-info/>}. */
        UNSUPPORTED_INFO
    }

    private final String sessionId;
    private final Problem problem;
    private final String explanation;

    /**
     * @param sessionId   the request's sid when it could be read, else null
     * @param explanation what is wrong, in words for the sender's log
     */
    public RejectedJingle(IqData iqData, String sessionId, Problem problem, String explanation) {
        super(iqData, Jingle.ELEMENT, Jingle.NAMESPACE);
        this.sessionId = sessionId;
        this.problem = problem;
        this.explanation = explanation;
    }

    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    public Problem problem() {
        return problem;
    }

    public String explanation() {
        return explanation;
    }

    /** Writes no child: the original payload was not kept, and a stub of it would misrepresent the request. */
    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        return null;
    }
}
