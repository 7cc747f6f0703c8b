package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.packet.JID;

/**
 * A command that acts at once, without a form, and answers with a result form or a note. Openfire 4.2.0
 * runs such commands with no session data, so the requester is unknown to them: only reports that are
 * the same for every permitted requester (the admin's) can be made this way. Openfire checked the
 * requester's permission before.
 */
abstract class ReportCommand extends TandemCommand {
    ReportCommand(String code, String label, Predicate<JID> permission) {
        super(code, label, permission);
    }

    @Override
    public int getMaxStages(SessionData data) {
        return 0;
    }

    /** Never called for a command without stages (XEP-0050 single-stage execution). */
    @Override
    protected void addStageInformation(SessionData data, Element command) {
        throw new UnsupportedOperationException(getCode() + " has no form");
    }

    @Override
    public void execute(SessionData data, Element command) {
        guarded(command, () -> report(command));
    }

    abstract void report(Element command) throws SQLException;
}
