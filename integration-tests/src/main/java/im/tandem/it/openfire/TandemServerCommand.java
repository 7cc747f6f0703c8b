package im.tandem.it.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `./tandem server`: a local Openfire (4.2.0 from Maven Central, or the installation `--openfire DIR` names) with
 * the Tandem plugin on its embedded database, for trying
 * Tandem out. Data (users, rosters, stored messages) lives in the data directory and survives restarts.
 */
@Command(name = "tandem server", sortOptions = false, sortSynopsis = false,
        description = "A local Openfire with the Tandem plugin, on its embedded database, until Ctrl-C.",
        footerHeading = "%nRead by the ./tandem launcher, which runs this command:%n",
        footer = {
                "      --openfire DIR         run the Openfire installed in DIR (an unpacked",
                "                               release) instead of 4.2.0 from Maven Central;",
                "                               the environment variable TANDEM_OPENFIRE does",
                "                               the same"})
public final class TandemServerCommand implements Callable<Integer> {
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
     * NAT-type discovery works on one machine out of the box; and Openfire's HTTP binding on its usual ports, which
     * carries the web chat (the harness keeps it off elsewhere). Any --property overrides these.
     */
    static final Map<String, String> DEFAULT_PROPERTIES = Map.of(
            "tandem.stun.enabled", "true",
            "tandem.stun.primary", "127.0.0.1:3478",
            "tandem.stun.alternate", "127.0.0.2:3479",
            "httpbind.enabled", "true",
            "httpbind.port.plain", "7070",
            "httpbind.port.secure", "7443");

    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
            description = "where Openfire's home and database live; default: " + DEFAULT_DATA_DIR
                    + ", beside the launcher")
    private Path dataDir;

    @Option(names = "--domain", paramLabel = "NAME", defaultValue = OpenfireSettings.DEFAULT_DOMAIN,
            description = "the XMPP domain; default: " + OpenfireSettings.DEFAULT_DOMAIN)
    private String domain;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD", description = "create this account (repeatable); when"
            + " given, exactly these accounts are created. Default: alice and bob, with generated passwords")
    private List<String> users = new ArrayList<>();

    @Option(names = "--c2s-port", paramLabel = "N", defaultValue = "" + DEFAULT_CLIENT_PORT,
            description = "the client port on 127.0.0.1; default: " + DEFAULT_CLIENT_PORT)
    private String clientPort;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "an Openfire system property, applied at every start (repeatable)")
    private List<String> properties = new ArrayList<>();

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    private TandemServerCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, returning the exit code; runs until the process is stopped once Openfire is up. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return TandemCommandLine.execute(new TandemServerCommand(), args, out, err);
    }

    /** The options these arguments ask for, without running anything. */
    static ServerOptions parse(String... args) {
        TandemServerCommand command = new TandemServerCommand();
        TandemCommandLine.of(command).parseArgs(args);
        return command.options();
    }

    @Override
    public Integer call() throws Exception {
        ServerOptions options = options();
        OpenfireSettings.Builder settings;
        try {
            // Reads the installation --openfire names, and says what is wrong with it.
            settings = OpenfireSettings.builder().domain(options.domain()).clientPort(options.clientPort());
        } catch (IllegalArgumentException e) {
            throw TandemCommandLine.usageError(spec, e.getMessage());
        }
        Files.createDirectories(options.dataDir());
        DEFAULT_PROPERTIES.forEach(settings::property);
        options.properties().forEach(settings::property);
        List<OpenfireSettings.UserAccount> users = options.users().isEmpty()
                ? demoUsers(options.dataDir()) : options.users();
        users.forEach(settings::user);

        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting Openfire " + settings.build().distribution().version()
                + " with the Tandem plugin in " + options.dataDir().toAbsolutePath() + "...");
        OpenfireProcess server;
        try {
            server = OpenfireProcess.start(options.dataDir().resolve("openfire"), settings.build(), HarnessPaths.pluginJar());
        } catch (IllegalStateException e) {
            TandemCommandLine.reportFailure(spec, e.getMessage());
            return TandemCommandLine.EXIT_FAILURE;
        }
        if (options.users().isEmpty()) {
            server.befriend(DEFAULT_USERS.get(0), DEFAULT_USERS.get(1));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Openfire...");
            server.close();
            stopped.countDown();
        }, "tandem-server-stop"));

        for (OpenfireSettings.UserAccount user : users) {
            out.println("  user " + user.username() + "@" + server.domain() + "  password " + user.password());
        }
        Map<String, String> effective = new java.util.HashMap<>(DEFAULT_PROPERTIES);
        effective.putAll(options.properties());
        if (Boolean.parseBoolean(effective.get("tandem.stun.enabled"))) {
            out.println("  STUN server on " + effective.get("tandem.stun.primary")
                    + Optional.ofNullable(effective.get("tandem.stun.alternate")).map(alt -> " and " + alt).orElse(""));
        }
        if (Boolean.parseBoolean(effective.get("httpbind.enabled"))) {
            String webChat = "http://" + server.host() + ":" + effective.get("httpbind.port.plain") + "/tandem/";
            out.println("  web chat at " + webChat + " (example pages: " + webChat + "example-calm.html and "
                    + webChat + "example-night.html)");
        }
        out.println("Tandem server ready: domain " + server.domain() + ", clients connect to "
                + server.host() + ":" + server.clientPort() + " (plain, loopback only). Ctrl-C stops it.");
        while (server.isRunning()) {
            Thread.sleep(500);
        }
        if (stopped.getCount() > 0) {
            TandemCommandLine.reportFailure(spec, "Openfire exited; see " + server.home().logFile());
            return TandemCommandLine.EXIT_FAILURE;
        }
        return TandemCommandLine.EXIT_OK;
    }

    /** The options, checked; what is wrong with them is a usage error naming the option. */
    private ServerOptions options() {
        try {
            return ServerOptions.of(dataDir, domain, clientPort, users, properties);
        } catch (IllegalArgumentException e) {
            throw TandemCommandLine.usageError(spec, e.getMessage());
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
