package im.tandem.openfire.commands;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.commands.AdHocCommand;
import org.jivesoftware.openfire.commands.AdHocCommandHandler;
import org.jivesoftware.openfire.interceptor.InterceptorManager;
import org.jivesoftware.util.JiveGlobals;

/**
 * The XEP-0050 commands of offline delivery, offered by the server (disco#items on the commands node):
 * status, settings, address, verify and off for every local user, acting on the user's own account only;
 * queue and failed for admins. Only who started a command's session may continue it ({@link SessionGuard}).
 */
public final class NotifyCommands {
    /** Openfire's own setting: how long it keeps a command session, in milliseconds. */
    static final String OPENFIRE_SESSION_TIMEOUT = "xmpp.command.timeout";
    /** Openfire's default for it, ten minutes. */
    static final Duration OPENFIRE_DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(10);

    private final List<AdHocCommand> commands;
    private final SessionGuard guard;
    private final SessionRefusalHandler refusals = new SessionRefusalHandler();

    public NotifyCommands(CommandContext context) {
        CommandSessions sessions = new CommandSessions(Clock.systemUTC(), () -> Duration.ofMillis(
                JiveGlobals.getLongProperty(OPENFIRE_SESSION_TIMEOUT, OPENFIRE_DEFAULT_SESSION_TIMEOUT.toMillis())));
        commands = List.of(
                new StatusCommand(context, Permissions.localUsers(), sessions),
                new SettingsCommand(context, Permissions.localUsers(), sessions),
                new AddressCommand(context, Permissions.localUsers(), sessions),
                new VerifyCommand(context, Permissions.localUsers(), sessions),
                new OffCommand(context, Permissions.localUsers(), sessions),
                new QueueCommand(context, Permissions.admins()),
                new FailedCommand(context, Permissions.admins(), sessions));
        Set<String> staged = commands.stream().filter(FormCommand.class::isInstance).map(AdHocCommand::getCode)
                .collect(Collectors.toUnmodifiableSet());
        guard = new SessionGuard(sessions, new SessionCheck(sessions, staged));
    }

    List<AdHocCommand> all() {
        return commands;
    }

    /** Offers the commands, guarding their sessions first. */
    public void register(AdHocCommandHandler handler) {
        XMPPServer.getInstance().getIQRouter().addHandler(refusals);
        InterceptorManager.getInstance().addInterceptor(guard);
        commands.forEach(handler::addCommand);
    }

    public void unregister(AdHocCommandHandler handler) {
        commands.forEach(handler::removeCommand);
        InterceptorManager.getInstance().removeInterceptor(guard);
        XMPPServer.getInstance().getIQRouter().removeHandler(refusals);
    }
}
