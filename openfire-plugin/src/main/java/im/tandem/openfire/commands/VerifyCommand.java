package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.VerificationReply;

/** Takes the one-time code that was sent to a new address; on success the address is used from then on. */
final class VerifyCommand extends FormCommand {
    static final String CODE = NODE + "verify";
    static final String CHANNEL = "channel";
    static final String CODE_FIELD = "code";

    private final CommandContext context;

    VerifyCommand(CommandContext context, Predicate<JID> permission, CommandSessions sessions) {
        super(CODE, "Offline delivery: verify address", permission, sessions);
        this.context = context;
    }

    @Override
    void describe(JID owner, Element command) {
        Element form = form(command, "form", "Enter the code that was sent to the address.");
        Forms.required(Forms.list(form, CHANNEL, "list-single", "Channel", List.of(DeliveryChannel.EMAIL.id()),
                ChannelOptions.ALL));
        Forms.required(Forms.text(form, CODE_FIELD, "Code", ""));
    }

    @Override
    void run(JID owner, FormInput input, Element command) throws SQLException {
        Optional<DeliveryChannel> channel = ChannelOptions.read(input, CHANNEL);
        if (reportProblems(input, command)) {
            return;
        }
        VerificationReply reply =
                context.verifier().confirm(owner.getNode(), channel.orElseThrow(), input.text(CODE_FIELD));
        Forms.note(command, reply.ok() ? Forms.NoteType.INFO : Forms.NoteType.ERROR, reply.text());
    }
}
