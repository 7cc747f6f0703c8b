package im.tandem.client.jingle.element;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleReason;

/**
 * One Jingle Message Initiation element (XEP-0353), carried in a {@code <message type='chat'/>}: a verb, the id
 * of the Jingle session it is about, and for a proposal the namespaces of the applications proposed.
 *
 * <p>A proposal's descriptions are kept by namespace only: a responder decides on the application, and learns
 * the details from the session-initiate that follows its {@code <proceed/>}. A reject or retract may carry a
 * Jingle reason; its condition is kept.
 */
public final class JingleMessage implements ExtensionElement {
    public static final String NAMESPACE = "urn:xmpp:jingle-message:0";

    private final JingleMessageAction action;
    private final String sessionId;
    private final List<String> applications;
    private final Optional<JingleReason.Reason> reason;

    public JingleMessage(JingleMessageAction action, String sessionId, List<String> applications,
            Optional<JingleReason.Reason> reason) {
        this.action = Objects.requireNonNull(action, "action");
        if (sessionId == null || sessionId.isEmpty()) {
            throw new IllegalArgumentException("a Jingle message needs the session id");
        }
        this.sessionId = sessionId;
        this.applications = List.copyOf(applications);
        if (action == JingleMessageAction.PROPOSE && this.applications.isEmpty()) {
            throw new IllegalArgumentException("a proposal needs at least one application description");
        }
        if (action != JingleMessageAction.PROPOSE && !this.applications.isEmpty()) {
            throw new IllegalArgumentException("only a proposal describes applications");
        }
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@code <proceed/>}: send me the session-initiate. */
    public static JingleMessage proceed(String sessionId) {
        return new JingleMessage(JingleMessageAction.PROCEED, sessionId, List.of(), Optional.empty());
    }

    /** {@code <reject/>} with the reason why. */
    public static JingleMessage reject(String sessionId, JingleReason.Reason why) {
        return new JingleMessage(JingleMessageAction.REJECT, sessionId, List.of(), Optional.of(why));
    }

    /** The Jingle message a message stanza carries, if any (the first one: a stanza should carry one). */
    public static Optional<JingleMessage> from(Message message) {
        return message.getExtensions().stream().filter(JingleMessage.class::isInstance)
                .map(JingleMessage.class::cast).findFirst();
    }

    public JingleMessageAction action() {
        return action;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The namespaces of the proposed applications' descriptions; empty unless this is a proposal. */
    public List<String> applications() {
        return applications;
    }

    public Optional<JingleReason.Reason> reason() {
        return reason;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public String getElementName() {
        return action.element();
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute("id", sessionId);
        if (applications.isEmpty() && reason.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        for (String application : applications) {
            xml.halfOpenElement("description").xmlnsAttribute(application).closeEmptyElement();
        }
        reason.ifPresent(why -> xml.halfOpenElement(JingleReason.ELEMENT).xmlnsAttribute(Jingle.NAMESPACE)
                .rightAngleBracket().emptyElement(why.toString()).closeElement(JingleReason.ELEMENT));
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JingleMessage that && action == that.action && sessionId.equals(that.sessionId)
                && applications.equals(that.applications) && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, sessionId, applications, reason);
    }

    @Override
    public String toString() {
        return action.element() + " " + sessionId + (applications.isEmpty() ? "" : " " + applications)
                + reason.map(why -> " (" + why + ")").orElse("");
    }
}
