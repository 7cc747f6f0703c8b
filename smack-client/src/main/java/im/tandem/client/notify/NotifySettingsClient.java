package im.tandem.client.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.Jid;

/**
 * The Tandem server's offline-delivery settings, over the XEP-0050 ad-hoc commands it offers: set and
 * verify an email address or phone number, choose channels, hold-off, digest, quiet hours and time zone,
 * switch it all off; and, for admins, the queue's counts and failed deliveries. Every call is one command
 * run against the user's own server; the server decides what the account may do.
 */
public final class NotifySettingsClient {
    /** Every Tandem notify command's node starts with this. */
    public static final String NODE = "https://tandem.im/ns/notify#";
    public static final String STATUS = NODE + "status";
    public static final String SETTINGS = NODE + "settings";
    public static final String ADDRESS = NODE + "address";
    public static final String VERIFY = NODE + "verify";
    public static final String OFF = NODE + "off";
    public static final String QUEUE = NODE + "queue";
    public static final String FAILED = NODE + "failed";

    private final AdHocCommandManager commands;
    private final Jid server;

    public NotifySettingsClient(XMPPConnection connection) {
        this.commands = AdHocCommandManager.getAddHocCommandsManager(connection);
        this.server = connection.getXMPPServiceDomain();
    }

    /** The nodes of the commands the server offers this account (disco#items on the commands node). */
    public List<String> offeredCommands() throws XMPPException, SmackException, InterruptedException {
        DiscoverItems items = commands.discoverCommands(server);
        return items.getItems().stream().map(DiscoverItems.Item::getNode).toList();
    }

    /** Settings, verified addresses, what is waiting and the limits that apply. */
    public CommandOutcome status() throws XMPPException, SmackException, InterruptedException {
        return runForm(STATUS, Map.of());
    }

    /** Asks the server to send a one-time code to a new address; {@link #verify} takes the code. */
    public CommandOutcome requestCode(NotifyChannel channel, String address)
            throws XMPPException, SmackException, InterruptedException {
        return runForm(ADDRESS, Map.of("channel", List.of(channel.id()), "address", List.of(address)));
    }

    /** Enters the code sent to the address; on success the address is used from then on. */
    public CommandOutcome verify(NotifyChannel channel, String code)
            throws XMPPException, SmackException, InterruptedException {
        return runForm(VERIFY, Map.of("channel", List.of(channel.id()), "code", List.of(code)));
    }

    public CommandOutcome update(SettingsChange change) throws XMPPException, SmackException, InterruptedException {
        return runForm(SETTINGS, change.fields());
    }

    /** Switches delivery by email, SMS and fax off and makes the server forget the addresses. */
    public CommandOutcome switchOff() throws XMPPException, SmackException, InterruptedException {
        return runForm(OFF, Map.of("confirm", List.of("1")));
    }

    /** Admins only: deliveries per channel and state, and the queue's depth. */
    public CommandOutcome queue() throws XMPPException, SmackException, InterruptedException {
        return runAtOnce(QUEUE);
    }

    /** Admins only: gives failed deliveries (of one channel, or all) new attempts. */
    public CommandOutcome retryFailed(Optional<NotifyChannel> channel)
            throws XMPPException, SmackException, InterruptedException {
        return failed("retry", channel);
    }

    /** Admins only: deletes failed deliveries (of one channel, or all). */
    public CommandOutcome purgeFailed(Optional<NotifyChannel> channel)
            throws XMPPException, SmackException, InterruptedException {
        return failed("purge", channel);
    }

    private CommandOutcome failed(String operation, Optional<NotifyChannel> channel)
            throws XMPPException, SmackException, InterruptedException {
        return runForm(FAILED, Map.of("operation", List.of(operation),
                "channel", List.of(channel.map(NotifyChannel::id).orElse("all"))));
    }

    private CommandOutcome runAtOnce(String node) throws XMPPException, SmackException, InterruptedException {
        RemoteCommand command = commands.getRemoteCommand(server, node);
        command.execute();
        return outcome(command);
    }

    private CommandOutcome runForm(String node, Map<String, List<String>> answers)
            throws XMPPException, SmackException, InterruptedException {
        RemoteCommand command = commands.getRemoteCommand(server, node);
        command.execute();
        if (command.isCompleted() || command.getForm() == null) {
            return outcome(command);
        }
        FillableForm form = new FillableForm(command.getForm());
        answers.forEach((name, values) -> answer(form, node, name, values));
        command.complete(form);
        return outcome(command);
    }

    private static void answer(FillableForm form, String node, String name, List<String> values) {
        FormField field = form.getField(name);
        if (field == null) {
            throw new IllegalArgumentException("the server's form for " + node + " has no field '" + name + "'");
        }
        FormField.Type type = field.getType();
        if (type == FormField.Type.list_multi || type == FormField.Type.text_multi) {
            // Smack's FillableForm refuses a field without values, so "none" travels as one empty value, which the
            // server reads as no value at all.
            form.setAnswer(name, values.isEmpty() ? List.of("") : values);
        } else if (values.size() == 1) {
            form.setAnswer(name, values.get(0));
        } else {
            throw new IllegalArgumentException("field '" + name + "' of " + node + " takes one value, got " + values);
        }
    }

    private static CommandOutcome outcome(RemoteCommand command) {
        List<String> infos = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (AdHocCommandNote note : command.getNotes()) {
            (note.getType() == AdHocCommandNote.Type.error ? errors : infos).add(note.getValue());
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        DataForm form = command.getForm();
        if (form != null && form.getType() == DataForm.Type.result) {
            for (FormField field : form.getFields()) {
                fields.put(field.getFieldName(), field.getValuesAsString());
            }
        }
        return new CommandOutcome(infos, errors, fields);
    }
}
