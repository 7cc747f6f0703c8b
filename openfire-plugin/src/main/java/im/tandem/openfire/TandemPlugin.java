package im.tandem.openfire;

import java.io.File;
import java.util.Optional;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import im.tandem.openfire.admin.AdminConsole;
import im.tandem.openfire.advisory.AdminConsoleBypass;
import im.tandem.openfire.commands.ServerStatusCommand;
import im.tandem.openfire.config.MaskedSettings;
import im.tandem.openfire.extdisco.ExtDiscoFeature;
import im.tandem.openfire.presence.FirstPresenceRepeat;
import im.tandem.openfire.stun.HostedStunFeature;
import im.tandem.openfire.web.WebChatFeature;

/**
 * The plugin's entry point: Openfire calls it when the jar is installed and again when it is removed.
 * It only wires features together; each feature lives in its own package.
 */
public final class TandemPlugin implements Plugin {
    private static final Logger LOG = LoggerFactory.getLogger(TandemPlugin.class);

    private final HostedStunFeature hostedStun = new HostedStunFeature();
    private final ExtDiscoFeature extDisco = new ExtDiscoFeature(hostedStun::primaryAddress);
    private final ServerStatusCommand serverStatus =
            new ServerStatusCommand(hostedStun::statistics, MaskedSettings::current);
    private final WebChatFeature webChat = new WebChatFeature();
    private OfflineRelay offlineRelay;
    private Optional<FirstPresenceRepeat> firstPresenceRepeat = Optional.empty();

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        XMPPServer.getInstance().getIQDiscoInfoHandler().addServerFeature(TandemFeature.NAMESPACE);
        hostedStun.start();
        extDisco.start();
        offlineRelay = OfflineRelay.start(XMPPServer.getInstance());
        XMPPServer.getInstance().getAdHocCommandHandler().addCommand(serverStatus);
        Version openfire = XMPPServer.getInstance().getServerInfo().getVersion();
        firstPresenceRepeat = FirstPresenceRepeat.installIfNeeded(openfire.getMajor(), openfire.getMinor());
        Optional<String> serverWarning = vulnerabilityOf(openfire);
        serverWarning.ifPresent(LOG::warn);
        AdminConsole.install(offlineRelay.deliveries(), hostedStun::statistics, serverWarning);
        webChat.start();
        LOG.info("Tandem plugin {} loaded; advertising {}", TandemVersion.current(), TandemFeature.NAMESPACE);
    }

    private static Optional<String> vulnerabilityOf(Version openfire) {
        return AdminConsoleBypass.warningFor(openfire.getMajor(), openfire.getMinor(), openfire.getMicro());
    }

    @Override
    public void destroyPlugin() {
        webChat.stop();
        AdminConsole.uninstall();
        XMPPServer.getInstance().getAdHocCommandHandler().removeCommand(serverStatus);
        offlineRelay.stop(XMPPServer.getInstance());
        firstPresenceRepeat.ifPresent(FirstPresenceRepeat::uninstall);
        extDisco.stop();
        hostedStun.stop();
        XMPPServer.getInstance().getIQDiscoInfoHandler().removeServerFeature(TandemFeature.NAMESPACE);
        LOG.info("Tandem plugin {} unloaded", TandemVersion.current());
    }
}
