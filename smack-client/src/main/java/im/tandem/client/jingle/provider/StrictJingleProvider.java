package im.tandem.client.jingle.provider;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import im.tandem.client.jingle.element.RejectedJingle;

/**
 * Parses {@code <jingle xmlns='urn:xmpp:jingle:1'/>} into Smack's {@link Jingle}, replacing Smack 4.4.8's
 * provider, which throws NullPointerException on a content without creator and lets unknown reasons escape as
 * exceptions. Smack answers any exception from a provider by closing the connection (and does not even catch
 * NullPointerException), so a single bad stanza from any peer would knock the client offline.
 *
 * <p>This provider never throws for bad content: whatever is wrong becomes a {@link RejectedJingle} carrying
 * the reason, which the request handler answers with {@code <bad-request/>}. A session-info with a payload (we
 * does not understand becomes a RejectedJingle to be answered with {@code <unsupported-info/>}; payloads an
 * application registered through {@link JingleProviders} (such as XEP-0234's checksum) are parsed and attached to
 * the Jingle as extensions. Only a broken XML stream, which no server forwards, still propagates.
 */
public final class StrictJingleProvider extends IqProvider<IQ> {
    public static final StrictJingleProvider INSTANCE = new StrictJingleProvider();
    private static final String ELEMENT = Jingle.ELEMENT;
    /** session-info payloads that applications understand, by namespace. */
    private static final Map<String, ExtensionElementProvider<? extends ExtensionElement>> SESSION_INFO =
            new ConcurrentHashMap<>();

    static void addSessionInfo(String namespace, ExtensionElementProvider<? extends ExtensionElement> provider) {
        SESSION_INFO.put(namespace, provider);
    }

    @Override
    public IQ parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String sessionId = StrictXml.optional(parser, Jingle.SESSION_ID_ATTRIBUTE_NAME);
        try {
            return parseJingle(parser, initialDepth, iqData);
        } catch (SmackParsingException e) {
            return reject(parser, initialDepth, iqData, sessionId, e.getMessage());
        } catch (RuntimeException e) {
            // Smack's element builders throw unchecked exceptions on values we did not foresee; a bad stanza
            // must never get further than an error reply.
            return reject(parser, initialDepth, iqData, sessionId, "cannot read <jingle/>: " + e);
        }
    }

    private static RejectedJingle reject(XmlPullParser parser, int initialDepth, IqData iqData, String sessionId,
            String explanation) throws XmlPullParserException, IOException {
        ParserUtils.forwardToEndTagOfDepth(parser, initialDepth);
        return new RejectedJingle(iqData, sessionId, RejectedJingle.Problem.MALFORMED, explanation);
    }

    private static IQ parseJingle(XmlPullParser parser, int initialDepth, IqData iqData)
            throws XmlPullParserException, IOException, SmackParsingException {
        JingleAction action = action(StrictXml.required(parser, ELEMENT, Jingle.ACTION_ATTRIBUTE_NAME));
        String sessionId = StrictXml.required(parser, ELEMENT, Jingle.SESSION_ID_ATTRIBUTE_NAME);
        Jingle.Builder jingle = Jingle.builder(iqData)
                .setAction(action)
                .setSessionId(sessionId)
                .setInitiator(fullJid(parser, Jingle.INITIATOR_ATTRIBUTE_NAME))
                .setResponder(fullJid(parser, Jingle.RESPONDER_ATTRIBUTE_NAME));
        boolean reasonSeen = false;
        String unsupportedInfo = null;
        while (StrictXml.nextChild(parser, initialDepth, ELEMENT)) {
            String name = parser.getName();
            String namespace = parser.getNamespace();
            if (Jingle.NAMESPACE.equals(namespace) && "content".equals(name)) {
                jingle.addJingleContent(JingleContentParser.parse(parser));
            } else if (Jingle.NAMESPACE.equals(namespace) && JingleReason.ELEMENT.equals(name)) {
                if (reasonSeen) {
                    throw new JingleParseException("<jingle/> may have one <reason/>, got more");
                }
                reasonSeen = true;
                jingle.setReason(JingleReasonParser.parse(parser));
            } else if (Jingle.NAMESPACE.equals(namespace)) {
                throw new JingleParseException("<jingle/> has no <" + name + "/> element");
            } else if (action == JingleAction.session_info && SESSION_INFO.containsKey(namespace)) {
                jingle.addExtension(SESSION_INFO.get(namespace).parse(parser));
            } else {
                // XEP-0166: a session-info payload the receiver does not understand gets <unsupported-info/>;
                // in other actions, extensions from other namespaces are ignored.
                if (action == JingleAction.session_info && unsupportedInfo == null) {
                    unsupportedInfo = "<" + name + " xmlns='" + namespace + "'/>";
                }
                StrictXml.skip(parser);
            }
        }
        if (unsupportedInfo != null) {
            return new RejectedJingle(iqData, sessionId, RejectedJingle.Problem.UNSUPPORTED_INFO,
                    "session-info payload " + unsupportedInfo + " is not supported");
        }
        return jingle.build();
    }

    private static JingleAction action(String value) throws JingleParseException {
        try {
            return JingleAction.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new JingleParseException("<jingle/> attribute 'action' has no action '" + value + "' in XEP-0166");
        }
    }

    private static FullJid fullJid(XmlPullParser parser, String attribute) throws JingleParseException {
        String value = StrictXml.optional(parser, attribute);
        if (value == null) {
            return null;
        }
        try {
            return JidCreate.entityFullFrom(value);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new JingleParseException("<jingle/> attribute '" + attribute + "' must be a full JID, got '"
                    + value + "'");
        }
    }
}
