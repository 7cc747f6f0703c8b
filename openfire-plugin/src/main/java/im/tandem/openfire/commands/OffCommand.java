package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

/** Switches everything off: addresses and codes are forgotten, and digests not yet sent are cancelled. */
final class OffCommand extends FormCommand {
    static final String CODE = NODE + "off";
    static final String CONFIRM = "confirm";

    private final CommandContext context;

    OffCommand(CommandContext context, Predicate<JID> permission, CommandSessions sessions) {
        super(CODE, "Offline delivery: switch off", permission, sessions);
        this.context = context;
    }

    @Override
    void describe(JID owner, Element command) {
        Element form = form(command, "form",
                "Your email address and phone number are forgotten and nothing more is sent to them.");
        Forms.required(Forms.flag(form, CONFIRM, "Yes, switch it off", false));
    }

    @Override
    void run(JID owner, FormInput input, Element command) throws SQLException {
        if (!input.flag(CONFIRM, false)) {
            reportProblems(input, command);
            Forms.note(command, Forms.NoteType.INFO, "Nothing was changed: " + CONFIRM + " was not set.");
            return;
        }
        String username = owner.getNode();
        context.settings().delete(username);
        context.codes().deleteAll(username);
        int cancelled = context.deliveries().cancelWaitingDigests(username, "switched off by the user",
                context.clock().instant());
        Forms.note(command, Forms.NoteType.INFO, "Offline delivery by email, SMS and fax is off and your addresses are"
                + " forgotten; " + cancelled + (cancelled == 1 ? " waiting digest was" : " waiting digests were")
                + " cancelled.");
    }
}
