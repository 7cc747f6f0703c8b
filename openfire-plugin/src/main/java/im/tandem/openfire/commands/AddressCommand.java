package im.tandem.openfire.commands;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.xmpp.packet.JID;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.VerificationReply;

/** Sets an email address, phone or fax number: a one-time code is sent to it, and the verify command takes it. */
final class AddressCommand extends FormCommand {
    static final String CODE = NODE + "address";
    static final String CHANNEL = "channel";
    static final String ADDRESS = "address";

    private final CommandContext context;

    AddressCommand(CommandContext context, Predicate<JID> permission, CommandSessions sessions) {
        super(CODE, "Offline delivery: set email address, phone or fax number", permission, sessions);
        this.context = context;
    }

    @Override
    void describe(JID owner, Element command) {
        Element form = form(command, "form",
                "A code is sent to the address (by fax, on a page); enter it with the verify command. Phone and"
                        + " fax numbers in international form, such as +4915112345678.");
        Forms.required(Forms.list(form, CHANNEL, "list-single", "Channel", List.of(DeliveryChannel.EMAIL.id()),
                ChannelOptions.ALL));
        Forms.required(Forms.text(form, ADDRESS, "Email address, phone or fax number", ""));
    }

    @Override
    void run(JID owner, FormInput input, Element command) throws SQLException {
        Optional<DeliveryChannel> channel = ChannelOptions.read(input, CHANNEL);
        if (reportProblems(input, command)) {
            return;
        }
        VerificationReply reply =
                context.verifier().requestCode(owner.getNode(), channel.orElseThrow(), input.text(ADDRESS));
        Forms.note(command, reply.ok() ? Forms.NoteType.INFO : Forms.NoteType.ERROR, reply.text());
    }
}
