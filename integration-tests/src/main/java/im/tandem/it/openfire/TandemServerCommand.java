package im.tandem.it.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * `./tandem server`: a local Openfire (4.2.0 from Maven Central, or the installation `--openfire DIR` names) with
 * the Tandem plugin on its embedded database, for trying
 * Tandem out. Data (users, rosters, stored messages) lives in the data directory and survives restarts.
 */
public final class TandemServerCommand {
    /** The data directory a newcomer's first run creates, beside the launcher. */
    static final String DEFAULT_DATA_DIR = "data";
    /** The standard client port, so that any XMPP client finds the server with default settings. */
    static final int DEFAULT_CLIENT_PORT = 5222;
    /** The demo accounts created when no --user is given; they are each other's contacts. */
    static final List<String> DEFAULT_USERS = List.of("alice", "bob");
    /** Where generated demo passwords are kept, so that they stay the same across restarts. */
    private static final String PASSWORD_FILE = "demo-passwords.properties";
    private static final int GENERATED_PASSWORD_LENGTH = 12;
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789";
    /**
     * The hosted STUN server on two loopback addresses (Linux routes all of 127.0.0.0/8 to loopback), so that full
     * NAT-type discovery works on one machine out of the box. Any --property overrides these.
     */
    static final Map<String, String> DEFAULT_PROPERTIES = Map.of(
            "tandem.stun.enabled", "true",
            "tandem.stun.primary", "127.0.0.1:3478",
            "tandem.stun.alternate", "127.0.0.2:3479");

    private TandemServerCommand() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options;
        OpenfireSettings.Builder settings;
        try {
            options = ServerOptions.parse(args);
            // Reads the installation --openfire names, and says what is wrong with it.
            settings = OpenfireSettings.builder().domain(options.domain()).clientPort(options.clientPort());
        } catch (IllegalArgumentException e) {
            System.err.println("tandem server: " + e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        Files.createDirectories(options.dataDir());
        DEFAULT_PROPERTIES.forEach(settings::property);
        options.properties().forEach(settings::property);
        List<OpenfireSettings.UserAccount> users = options.users().isEmpty()
                ? demoUsers(options.dataDir()) : options.users();
        users.forEach(settings::user);

        System.out.println("Starting Openfire " + settings.build().distribution().version()
                + " with the Tandem plugin in " + options.dataDir().toAbsolutePath() + "...");
        OpenfireProcess server;
        try {
            server = OpenfireProcess.start(options.dataDir().resolve("openfire"), settings.build(), HarnessPaths.pluginJar());
        } catch (IllegalStateException e) {
            System.err.println("tandem server: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.users().isEmpty()) {
            server.befriend(DEFAULT_USERS.get(0), DEFAULT_USERS.get(1));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Openfire...");
            server.close();
            stopped.countDown();
        }, "tandem-server-stop"));

        for (OpenfireSettings.UserAccount user : users) {
            System.out.println("  user " + user.username() + "@" + server.domain() + "  password " + user.password());
        }
        Map<String, String> effective = new java.util.HashMap<>(DEFAULT_PROPERTIES);
        effective.putAll(options.properties());
        if (Boolean.parseBoolean(effective.get("tandem.stun.enabled"))) {
            System.out.println("  STUN server on " + effective.get("tandem.stun.primary")
                    + Optional.ofNullable(effective.get("tandem.stun.alternate")).map(alt -> " and " + alt).orElse(""));
        }
        System.out.println("Tandem server ready: domain " + server.domain() + ", clients connect to "
                + server.host() + ":" + server.clientPort() + " (plain, loopback only). Ctrl-C stops it.");
        System.out.flush();
        while (server.isRunning()) {
            Thread.sleep(500);
        }
        if (stopped.getCount() > 0) {
            System.err.println("tandem server: Openfire exited; see " + server.home().logFile());
            System.exit(1);
        }
    }

    /** alice and bob, with passwords generated on the first run and kept in the data directory. */
    private static List<OpenfireSettings.UserAccount> demoUsers(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        Properties passwords = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                passwords.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        List<OpenfireSettings.UserAccount> users = new ArrayList<>();
        for (String name : DEFAULT_USERS) {
            String password = passwords.getProperty(name);
            if (password == null) {
                StringBuilder generated = new StringBuilder();
                for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
                    generated.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
                }
                password = generated.toString();
                passwords.setProperty(name, password);
            }
            users.add(new OpenfireSettings.UserAccount(name, password));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            passwords.store(out, "Passwords of the demo accounts of ./tandem server");
        }
        return users;
    }
}
