package im.tandem.openfire.commands;

import java.util.List;

import org.jivesoftware.openfire.commands.AdHocCommand;
import org.jivesoftware.openfire.commands.AdHocCommandHandler;

/**
 * The XEP-0050 commands of offline delivery, offered by the server (disco#items on the commands node):
 * status, settings, address, verify and off for every local user, acting on the user's own account only;
 * queue and failed for admins.
 */
public final class NotifyCommands {
    private final List<AdHocCommand> commands;

    public NotifyCommands(CommandContext context) {
        commands = List.of(
                new StatusCommand(context, Permissions.localUsers()),
                new SettingsCommand(context, Permissions.localUsers()),
                new AddressCommand(context, Permissions.localUsers()),
                new VerifyCommand(context, Permissions.localUsers()),
                new OffCommand(context, Permissions.localUsers()),
                new QueueCommand(context, Permissions.admins()),
                new FailedCommand(context, Permissions.admins()));
    }

    List<AdHocCommand> all() {
        return commands;
    }

    public void register(AdHocCommandHandler handler) {
        commands.forEach(handler::addCommand);
    }

    public void unregister(AdHocCommandHandler handler) {
        commands.forEach(handler::removeCommand);
    }
}
