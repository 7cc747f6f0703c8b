package im.tandem.client.jingle.element;

import java.util.Arrays;
import java.util.Optional;

/** The five verbs of Jingle Message Initiation (XEP-0353), each its own element name. */
public enum JingleMessageAction {
    /** The initiator would like a session with the application(s) it describes. */
    PROPOSE("propose"),
    /** The initiator takes its proposal back. */
    RETRACT("retract"),
    /** One of the responder's devices took the proposal (told to the responder's other devices). */
    ACCEPT("accept"),
    /** The responder's device invites the initiator to send its session-initiate to it. */
    PROCEED("proceed"),
    /** The responder does not want the session. */
    REJECT("reject");

    private final String element;

    JingleMessageAction(String element) {
        this.element = element;
    }

    public String element() {
        return element;
    }

    public static Optional<JingleMessageAction> fromElement(String name) {
        return Arrays.stream(values()).filter(action -> action.element.equals(name)).findFirst();
    }
}
