package im.tandem.client.jingle.provider;

import java.io.IOException;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * Parses a {@code <reason/>}: exactly one XEP-0166 condition, an optional {@code <text/>}, and for
 * {@code <alternative-session/>} its {@code <sid/>}. Application-specific detail in other namespaces is skipped.
 * A reason without a known condition is refused, since the schema enumerates them.
 */
final class JingleReasonParser {
    private static final String TEXT = JingleReason.TEXT_ELEMENT;
    private static final String SID = JingleReason.AlternativeSession.SID;
    private static final String ALTERNATIVE_SESSION = JingleReason.Reason.alternative_session.toString();

    private JingleReasonParser() {
    }

    /** Reads the reason the parser is on, leaving the parser on its end tag. */
    static JingleReason parse(XmlPullParser parser) throws XmlPullParserException, IOException, JingleParseException {
        int depth = parser.getDepth();
        JingleReason.Reason condition = null;
        String text = null;
        String alternativeSid = null;
        while (StrictXml.nextChild(parser, depth, JingleReason.ELEMENT)) {
            if (!Jingle.NAMESPACE.equals(parser.getNamespace())) {
                StrictXml.skip(parser);
            } else if (TEXT.equals(parser.getName())) {
                if (text != null) {
                    throw new JingleParseException("<reason/> may have one <text/>, got more");
                }
                text = StrictXml.text(parser, parser.getDepth(), TEXT);
            } else {
                if (condition != null) {
                    throw new JingleParseException("<reason/> has one condition, got <" + condition + "/> and <"
                            + parser.getName() + "/>");
                }
                condition = condition(parser.getName());
                if (condition == JingleReason.Reason.alternative_session) {
                    alternativeSid = alternativeSessionId(parser);
                } else {
                    StrictXml.requireEmpty(parser, parser.getDepth(), parser.getName());
                }
            }
        }
        if (condition == null) {
            throw new JingleParseException("<reason/> has no condition such as <success/> or <decline/>");
        }
        return condition == JingleReason.Reason.alternative_session
                ? new JingleReason.AlternativeSession(alternativeSid, text, null)
                : new JingleReason(condition, text, null);
    }

    private static JingleReason.Reason condition(String name) throws JingleParseException {
        try {
            return JingleReason.Reason.fromString(name);
        } catch (IllegalArgumentException e) {
            throw new JingleParseException("<reason/> condition <" + name + "/> is not one XEP-0166 defines");
        }
    }

    private static String alternativeSessionId(XmlPullParser parser)
            throws XmlPullParserException, IOException, JingleParseException {
        int depth = parser.getDepth();
        String sid = null;
        while (StrictXml.nextChild(parser, depth, ALTERNATIVE_SESSION)) {
            if (!SID.equals(parser.getName()) || sid != null) {
                throw new JingleParseException("<alternative-session/> holds one <sid/>, found <" + parser.getName()
                        + "/>");
            }
            sid = StrictXml.text(parser, parser.getDepth(), SID).strip();
        }
        if (sid == null || sid.isEmpty()) {
            throw new JingleParseException("<alternative-session/> needs a <sid/>");
        }
        return sid;
    }
}
