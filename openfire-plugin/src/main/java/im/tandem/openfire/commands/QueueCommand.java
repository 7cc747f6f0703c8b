package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.Map;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.openfire.delivery.DeliveryState;
import im.tandem.openfire.notify.DeliveryChannel;

/** For admins: the queue's depth and its deliveries counted per channel and state. */
final class QueueCommand extends ReportCommand {
    static final String CODE = NODE + "queue";

    private final CommandContext context;

    QueueCommand(CommandContext context, Predicate<JID> permission) {
        super(CODE, "Offline delivery: queue (admin)", permission);
        this.context = context;
    }

    @Override
    void report(Element command) throws SQLException {
        Map<DeliveryChannel, Map<DeliveryState, Long>> counts = context.deliveries().counts();
        long depth = 0;
        Element form = form(command, "result", null);
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            for (DeliveryState state : DeliveryState.values()) {
                long count = counts.get(channel).get(state);
                Forms.text(form, channel.id() + "_" + state.id(), channel.id() + " " + state.id(), Long.toString(count));
                if (state == DeliveryState.HOLDING || state == DeliveryState.RETRY || state == DeliveryState.SENDING) {
                    depth += count;
                }
            }
        }
        Forms.text(form, "depth", "Waiting or being sent", Long.toString(depth));
        Forms.text(form, "oldest_due", "Longest-waiting delivery was due at (UTC)",
                context.deliveries().oldestWaitingDue().map(Object::toString).orElse(""));
        Forms.text(form, "intake_dropped", "Intake events dropped since start (queue full; stored messages are taken by the next scan)",
                Long.toString(context.intakeDropped().getAsLong()));
    }
}
