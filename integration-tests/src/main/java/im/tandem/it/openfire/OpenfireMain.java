package im.tandem.it.openfire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.openfire.roster.Roster;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.user.UserManager;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.jivesoftware.util.JiveGlobals;
import org.xmpp.packet.JID;

/**
 * The forked JVM's main: boots Openfire on a home laid out by {@link OpenfireHome}, waits for our
 * plugin, creates the configured users, says {@value #READY}, then obeys one command per line on standard
 * input. End of input means the parent is gone, and the server stops.
 */
public final class OpenfireMain {
    /** What every answer to the parent starts with, told apart from the server's own output. */
    static final String ANSWER_PREFIX = "TANDEM-OPENFIRE";
    static final String READY = ANSWER_PREFIX + " READY";
    static final String OK = ANSWER_PREFIX + " OK";
    static final String FAILED = ANSWER_PREFIX + " FAILED";
    static final String PLUGIN_NAME = "tandem";
    /** Openfire scans plugins/ at start-up and every few seconds after; the first scan is what we wait for. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** The client listener opens right after that scan. */
    private static final Duration LISTENER_LIMIT = Duration.ofSeconds(30);
    /** Openfire's own default for {@code httpbind.port.plain}. */
    private static final int OPENFIRE_HTTP_BIND_PORT = 7070;

    private OpenfireMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: OpenfireMain OPENFIRE_HOME");
            System.exit(2);
        }
        OpenfireHome home = new OpenfireHome(Path.of(args[0]));
        Properties harness = home.readHarnessFile();
        setHome(home.root());
        // The first property write opens the database; on a new home Openfire then runs its schema script.
        int port = Integer.parseInt(harness.getProperty(OpenfireHome.PORT_KEY));
        OpenfireDefaults.forClientPort(port).forEach(JiveGlobals::setProperty);
        JiveGlobals.setProperty("xmpp.domain", harness.getProperty(OpenfireHome.DOMAIN_KEY));
        for (String key : harness.stringPropertyNames()) {
            if (key.startsWith(OpenfireHome.PROPERTY_PREFIX)) {
                JiveGlobals.setProperty(key.substring(OpenfireHome.PROPERTY_PREFIX.length()), harness.getProperty(key));
            }
        }

        XMPPServer server = new XMPPServer();
        awaitStart(server, Boolean.parseBoolean(harness.getProperty(OpenfireHome.PLUGIN_KEY)));
        awaitListener(port);
        // The HTTP binding port (BOSH, WebSocket, the web chat) is opened by a module of its own, on its own schedule:
        // a test that asks for it right after start-up found nothing listening there once.
        if (JiveGlobals.getBooleanProperty("httpbind.enabled", false)) {
            awaitListener(JiveGlobals.getIntProperty("httpbind.port.plain", OPENFIRE_HTTP_BIND_PORT));
        }
        for (String key : harness.stringPropertyNames()) {
            if (key.startsWith(OpenfireHome.USER_PREFIX)) {
                ensureUser(key.substring(OpenfireHome.USER_PREFIX.length()), harness.getProperty(key));
            }
        }
        System.out.println(READY + " " + port);
        System.out.flush();
        obey(server);
    }

    /**
     * Tells Openfire's settings where the home is before the server starts, as Openfire's own start-up does: the
     * first property write opens the database named in the home's openfire.xml. 4.2.0 takes the home as a String
     * ({@code setHomeDirectory}); 4.8 replaced that with {@code setHomePath(Path)}.
     */
    private static void setHome(Path home) throws ReflectiveOperationException {
        try {
            JiveGlobals.class.getMethod("setHomePath", Path.class).invoke(null, home);
        } catch (NoSuchMethodException olderThan48) {
            JiveGlobals.class.getMethod("setHomeDirectory", String.class).invoke(null, home.toString());
        }
    }

    private static void awaitStart(XMPPServer server, boolean withPlugin) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (!server.isStarted() || withPlugin && !pluginLoaded(server)) {
            if (Instant.now().isAfter(deadline)) {
                System.out.println(FAILED + " Openfire or the plugin '" + PLUGIN_NAME + "' did not start within "
                        + START_LIMIT.toSeconds() + " s; see logs/openfire.log");
                System.exit(1);
            }
            Thread.sleep(100);
        }
    }

    /** By the plugin's directory name, with the lookup every version has (5.0 renamed {@code getPlugin(String)}). */
    private static boolean pluginLoaded(XMPPServer server) {
        PluginManager plugins = server.getPluginManager();
        return plugins.getPlugins().stream().anyMatch(plugin -> PLUGIN_NAME.equals(plugins.getCanonicalName(plugin)));
    }

    /** Openfire opens its listeners only after the first plugin scan: ready means a client can connect. */
    private static void awaitListener(int port) throws InterruptedException, IOException {
        InetAddress address = InetAddress.getByName(JiveGlobals.getXMLProperty("network.interface"));
        Instant deadline = Instant.now().plus(LISTENER_LIMIT);
        while (true) {
            try (Socket probe = new Socket(address, port)) {
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    System.out.println(FAILED + " nothing listens on " + address.getHostAddress() + ":" + port
                            + " after " + LISTENER_LIMIT.toSeconds() + " s: " + e.getMessage()
                            + "; see logs/openfire.log");
                    System.exit(1);
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Creates the user, or gives an existing one (such as the schema's admin) the configured password. Only API
     * that every Openfire from 4.2.0 on has: 4.8 removed {@code isRegisteredUser(String)}.
     */
    private static void ensureUser(String username, String password) throws Exception {
        UserManager users = UserManager.getInstance();
        try {
            users.getUser(username).setPassword(password);
        } catch (UserNotFoundException e) {
            users.createUser(username, password, username, null);
        }
    }

    /** Makes two users each other's contacts with a mutual presence subscription. */
    private static void befriend(String left, String right) throws Exception {
        XMPPServer server = XMPPServer.getInstance();
        addContact(server, left, server.createJID(right, null));
        addContact(server, right, server.createJID(left, null));
    }

    private static void addContact(XMPPServer server, String owner, JID contact) throws Exception {
        Roster roster = server.getRosterManager().getRoster(owner);
        RosterItem item = roster.isRosterItem(contact) ? roster.getRosterItem(contact)
                : roster.createRosterItem(contact, contact.getNode(), null, true, true);
        item.setSubStatus(RosterItem.SUB_BOTH);
        roster.updateRosterItem(item);
    }

    private static void obey(XMPPServer server) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.trim().split(" ");
            try {
                switch (words[0]) {
                    case "user" -> ensureUser(words[1], words[2]);
                    case "befriend" -> befriend(words[1], words[2]);
                    case "property" -> {
                        String[] parts = line.split(" ", 3);
                        JiveGlobals.setProperty(parts[1], parts.length > 2 ? parts[2] : "");
                    }
                    case "unset" -> JiveGlobals.deleteProperty(words[1]);
                    case "stop" -> {
                        stop(server);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command '" + words[0] + "'");
                }
                System.out.println(OK);
            } catch (Exception e) {
                System.out.println(FAILED + " " + line + ": " + e);
            }
            System.out.flush();
        }
        stop(server);
    }

    private static void stop(XMPPServer server) {
        server.stop();
        System.out.println(OK + " stopped");
        System.out.flush();
        System.exit(0);
    }
}
