package im.tandem.client.jingle.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleReason;

import im.tandem.client.jingle.element.JingleMessage;
import im.tandem.client.jingle.element.JingleMessageAction;

/**
 * Parses the Jingle Message Initiation elements (XEP-0353). A proposal must name its session and describe at
 * least one application; of each {@code <description/>} only the namespace is read. Children the verb does not
 * define (XEP-0353 later added tie-breaks and others) are skipped, so newer senders are still understood.
 */
public final class JingleMessageProvider extends ExtensionElementProvider<JingleMessage> {
    public static final JingleMessageProvider INSTANCE = new JingleMessageProvider();
    private static final String DESCRIPTION = "description";

    /** Registers the provider for each of the five verbs. Idempotent. */
    public static void register() {
        for (JingleMessageAction action : JingleMessageAction.values()) {
            ProviderManager.addExtensionProvider(action.element(), JingleMessage.NAMESPACE, INSTANCE);
        }
    }

    @Override
    public JingleMessage parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        String name = parser.getName();
        JingleMessageAction action = JingleMessageAction.fromElement(name)
                .orElseThrow(() -> new JingleParseException("<" + name + "/> is not a Jingle message verb"));
        String sessionId = StrictXml.required(parser, name, "id");
        List<String> applications = new ArrayList<>();
        Optional<JingleReason.Reason> reason = Optional.empty();
        while (StrictXml.nextChild(parser, initialDepth, name)) {
            String namespace = parser.getNamespace();
            if (action == JingleMessageAction.PROPOSE && DESCRIPTION.equals(parser.getName())) {
                if (namespace == null || namespace.isEmpty() || JingleMessage.NAMESPACE.equals(namespace)) {
                    throw new JingleParseException("<description/> in <propose/> names no application namespace");
                }
                applications.add(namespace);
                StrictXml.skip(parser);
            } else if (JingleReason.ELEMENT.equals(parser.getName()) && Jingle.NAMESPACE.equals(namespace)) {
                reason = Optional.of(JingleReasonParser.parse(parser).asEnum());
            } else {
                StrictXml.skip(parser);
            }
        }
        if (action == JingleMessageAction.PROPOSE && applications.isEmpty()) {
            throw new JingleParseException("<propose/> describes no application");
        }
        return new JingleMessage(action, sessionId, applications, reason);
    }
}
