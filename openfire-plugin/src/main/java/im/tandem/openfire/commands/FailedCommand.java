package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.openfire.notify.DeliveryChannel;

/** For admins: gives failed deliveries a fresh set of attempts, or deletes them. */
final class FailedCommand extends FormCommand {
    static final String CODE = NODE + "failed";
    static final String OPERATION = "operation";
    static final String CHANNEL = "channel";
    static final String RETRY = "retry";
    static final String PURGE = "purge";
    static final String ALL = "all";

    private final CommandContext context;

    FailedCommand(CommandContext context, Predicate<JID> permission, CommandSessions sessions) {
        super(CODE, "Offline delivery: retry or purge failed deliveries (admin)", permission, sessions);
        this.context = context;
    }

    @Override
    void describe(JID owner, Element command) {
        Element form = form(command, "form", null);
        Forms.required(Forms.list(form, OPERATION, "list-single", "Operation", List.of(RETRY),
                List.of(new String[] {RETRY, "Retry them"}, new String[] {PURGE, "Delete them"})));
        Forms.list(form, CHANNEL, "list-single", "Channel", List.of(ALL), List.of(new String[] {ALL, "All"},
                new String[] {DeliveryChannel.EMAIL.id(), "Email"}, new String[] {DeliveryChannel.SMS.id(), "SMS"},
                new String[] {DeliveryChannel.FAX.id(), "Fax"}));
    }

    @Override
    void run(JID owner, FormInput input, Element command) throws SQLException {
        String operation = input.text(OPERATION);
        if (!RETRY.equals(operation) && !PURGE.equals(operation)) {
            input.problem(OPERATION, "choose " + RETRY + " or " + PURGE + ", got '" + operation + "'");
        }
        String channelId = input.text(CHANNEL);
        Optional<DeliveryChannel> channel = DeliveryChannel.byId(channelId);
        if (!channelId.isEmpty() && !ALL.equals(channelId) && channel.isEmpty()) {
            input.problem(CHANNEL, "choose all, email, sms or fax, got '" + channelId + "'");
        }
        if (reportProblems(input, command)) {
            return;
        }
        int count = RETRY.equals(operation) ? context.deliveries().retryFailed(channel, context.clock().instant())
                : context.deliveries().purgeFailed(channel);
        Forms.note(command, Forms.NoteType.INFO, (RETRY.equals(operation) ? "Retrying " : "Deleted ") + count
                + (count == 1 ? " failed delivery." : " failed deliveries."));
    }
}
