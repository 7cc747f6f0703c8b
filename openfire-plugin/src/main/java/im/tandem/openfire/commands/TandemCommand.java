package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.AdHocCommand;
import org.jivesoftware.openfire.commands.SessionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * What all Tandem commands share: who may run them, the single "complete" action, and that no error
 * escapes to Openfire's IQ handler: it becomes an error note the user can read.
 */
abstract class TandemCommand extends AdHocCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TandemCommand.class);
    /** Every Tandem command's node starts with this. */
    static final String NODE = "https://tandem.im/ns/notify#";

    private final String code;
    private final String label;
    private final Predicate<JID> permission;

    /** {@code code} is the command's node, {@code label} its name in clients' command lists. */
    TandemCommand(String code, String label, Predicate<JID> permission) {
        this.code = code;
        this.label = label;
        this.permission = permission;
        // AdHocCommand's constructor took its label from getDefaultLabel() before this one had set the field, so
        // every command was listed without a name: set it again now that it is known.
        setLabel(label);
    }

    @Override
    public final String getCode() {
        return code;
    }

    @Override
    public final String getDefaultLabel() {
        return label;
    }

    @Override
    public boolean hasPermission(JID requester) {
        return permission.test(requester);
    }

    /** One form at most, then the command completes. */
    @Override
    protected List<Action> getActions(SessionData data) {
        return List.of(Action.complete);
    }

    @Override
    protected Action getExecuteAction(SessionData data) {
        return Action.complete;
    }

    /** Adds the command's data form, titled with the command's name as clients list it. */
    final Element form(Element command, String type, String instructions) {
        return Forms.form(command, type, label, instructions);
    }

    /** Runs part of a command; a failure is logged and told to the user as an error note. */
    static void guarded(Element command, Step step) {
        try {
            step.run();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("A Tandem notify command failed", e);
            Forms.note(command, Forms.NoteType.ERROR, "The server could not do this right now ("
                    + e.getClass().getSimpleName() + "); please try again later.");
        }
    }

    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }
}
