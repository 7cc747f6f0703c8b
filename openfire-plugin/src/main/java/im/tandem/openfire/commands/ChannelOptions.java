package im.tandem.openfire.commands;

import java.util.List;
import java.util.Optional;

import im.tandem.openfire.notify.DeliveryChannel;

/** The channel choice shared by several forms. */
final class ChannelOptions {
    static final List<String[]> ALL = List.of(new String[] {DeliveryChannel.EMAIL.id(), "Email"},
            new String[] {DeliveryChannel.SMS.id(), "SMS"}, new String[] {DeliveryChannel.FAX.id(), "Fax"});

    private ChannelOptions() {
    }

    /** The chosen channel; a missing or unknown one is recorded as a problem of the field. */
    static Optional<DeliveryChannel> read(FormInput input, String var) {
        String id = input.text(var);
        Optional<DeliveryChannel> channel = DeliveryChannel.byId(id);
        if (channel.isEmpty()) {
            input.problem(var, id.isEmpty() ? "choose email, sms or fax"
                    : "'" + id + "' is not a channel; choose email, sms or fax");
        }
        return channel;
    }
}
