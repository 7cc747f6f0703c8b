package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryKind;
import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;

/**
 * Shows a user their settings, what is waiting for them and the limits that apply. It has a (blank) form
 * stage only because Openfire 4.2.0 does not tell a command without stages who asked.
 */
final class StatusCommand extends FormCommand {
    static final String CODE = NODE + "status";

    private final CommandContext context;

    StatusCommand(CommandContext context, Predicate<JID> permission, CommandSessions sessions) {
        super(CODE, "Offline delivery: status", permission, sessions);
        this.context = context;
    }

    @Override
    void describe(JID owner, Element command) {
        form(command, "form", "Complete the command to see your status.");
    }

    @Override
    void run(JID owner, FormInput input, Element command) throws SQLException {
        String username = owner.getNode();
        NotifySettings settings = context.settings().find(username)
                .orElseGet(() -> NotifySettings.fresh(username, context.defaults().get()));
        List<Delivery> waiting = context.deliveries().unfinished(username).stream()
                .filter(delivery -> delivery.kind() == DeliveryKind.DIGEST).toList();
        LimitConfig limits = context.limits().get();
        Element form = form(command, "result", null);
        Forms.text(form, "email", "Verified email address", settings.email().orElse(""));
        Forms.text(form, "phone", "Verified phone number", settings.phone().orElse(""));
        Forms.text(form, "fax", "Verified fax number", settings.fax().orElse(""));
        Forms.list(form, SettingsForm.CHANNELS, "list-multi", "Delivering by",
                settings.channels().stream().filter(settings::active).map(DeliveryChannel::id).toList(), List.of());
        Forms.text(form, SettingsForm.HOLD_OFF, "Hold-off in seconds", Long.toString(settings.holdOff().toSeconds()));
        Forms.flag(form, SettingsForm.DIGEST, "Digest", settings.digest());
        Forms.text(form, SettingsForm.QUIET_START, "Quiet hours start",
                settings.quietHours().map(quiet -> QuietHours.format(quiet.start())).orElse(""));
        Forms.text(form, SettingsForm.QUIET_END, "Quiet hours end",
                settings.quietHours().map(quiet -> QuietHours.format(quiet.end())).orElse(""));
        Forms.text(form, SettingsForm.TIME_ZONE, "Time zone", settings.zone().getId());
        Forms.flag(form, SettingsForm.PAID_FROM_NON_CONTACTS, "SMS and faxes for non-contacts",
                settings.paidFromNonContacts());
        Forms.text(form, SettingsForm.AWAY, "Also when away this many seconds (0: off)",
                Long.toString(settings.whenAway().map(Duration::toSeconds).orElse(0L)));
        Forms.text(form, "waiting", "Digests waiting", Integer.toString(waiting.size()));
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            Forms.text(form, "messages_" + channel.id(), "Offline messages waiting to go by " + channel.id(),
                    Integer.toString(waiting.stream().filter(delivery -> delivery.channel() == channel)
                            .mapToInt(Delivery::itemCount).sum()));
        }
        Forms.text(form, "next_due", "Next digest due (UTC)",
                waiting.isEmpty() ? "" : waiting.get(0).dueAt().toString());
        Forms.text(form, "email_daily_cap", "Emails per day at most", Integer.toString(limits.emailDailyCap()));
        Forms.text(form, "sms_daily_cap", "SMS per day at most", Integer.toString(limits.smsDailyCap()));
        Forms.text(form, "sms_prefixes", "SMS allowed to", limits.smsAllowList().describe());
        Forms.flag(form, "sms_available", "SMS available on this server", context.sms().get().available());
        Forms.text(form, "fax_daily_cap", "Faxes per day at most", Integer.toString(limits.faxDailyCap()));
        Forms.text(form, "fax_prefixes", "Faxes allowed to", limits.faxAllowList().describe());
        Forms.flag(form, "fax_available", "Fax available on this server", context.fax().get().available());
    }
}
