package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryState;
import im.tandem.openfire.notify.NotifySettings;

/** Lets a user choose channels, hold-off, digest, quiet hours, time zone and the non-contact rule. */
final class SettingsCommand extends FormCommand {
    static final String CODE = NODE + "settings";

    private final CommandContext context;

    SettingsCommand(CommandContext context, Predicate<JID> permission, CommandSessions sessions) {
        super(CODE, "Offline delivery: settings", permission, sessions);
        this.context = context;
    }

    @Override
    void describe(JID owner, Element command) throws SQLException {
        SettingsForm.write(command, getLabel(), current(owner), context.defaults().get());
    }

    @Override
    void run(JID owner, FormInput input, Element command) throws SQLException {
        NotifySettings updated = SettingsForm.read(input, current(owner), context.defaults().get());
        if (reportProblems(input, command)) {
            Forms.note(command, Forms.NoteType.ERROR, "Nothing was changed.");
            return;
        }
        context.settings().save(updated);
        // Digests still waiting follow the new hold-off and quiet hours.
        for (Delivery waiting : context.deliveries().unfinished(owner.getNode())) {
            if (waiting.state() == DeliveryState.HOLDING) {
                context.deliveries().rescheduleHolding(waiting.id(), updated.deliverableFrom(waiting.createdAt()));
            }
        }
        Forms.note(command, Forms.NoteType.INFO, "Saved.");
    }

    private NotifySettings current(JID owner) throws SQLException {
        return context.settings().find(owner.getNode())
                .orElseGet(() -> NotifySettings.fresh(owner.getNode(), context.defaults().get()));
    }
}
