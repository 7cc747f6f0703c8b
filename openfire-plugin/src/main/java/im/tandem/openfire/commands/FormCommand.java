package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmpp.packet.JID;

/** A command that shows one form and acts on the filled-in form. */
abstract class FormCommand extends TandemCommand {
    private final CommandSessions sessions;

    /** {@code sessions} learns who started each session, so that nobody else can continue it. */
    FormCommand(String code, String label, Predicate<JID> permission, CommandSessions sessions) {
        super(code, label, permission);
        this.sessions = sessions;
    }

    @Override
    public int getMaxStages(SessionData data) {
        return 1;
    }

    @Override
    protected void addStageInformation(SessionData data, Element command) {
        sessions.started(data.getId(), data.getOwner(), getCode());
        guarded(command, () -> describe(data.getOwner(), command));
    }

    @Override
    public void execute(SessionData data, Element command) {
        guarded(command, () -> run(data.getOwner(), new FormInput(data.getData()), command));
    }

    /** Adds the form to fill in, filled with current values. */
    abstract void describe(JID owner, Element command) throws SQLException;

    /** Acts on the submitted form and adds notes (and possibly a result form) saying what happened. */
    abstract void run(JID owner, FormInput input, Element command) throws SQLException;

    /** Adds one error note per problem; true when there were any. */
    static boolean reportProblems(FormInput input, Element command) {
        input.problems().forEach(problem -> Forms.note(command, Forms.NoteType.ERROR, problem));
        return !input.problems().isEmpty();
    }
}
