package im.tandem.client.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import im.tandem.client.TandemClient;
import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;
import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.ice.stun.StunDefaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./tandem chat}: the Tandem chat program. On a terminal it is an interactive program; when standard input
 * is not a terminal it reads one command per line and prints one {@link ChatEvent} per line, for scripts and tests.
 */
@Command(name = "tandem chat", sortOptions = false, sortSynopsis = false,
        description = "The Tandem chat program. On a terminal it is interactive; when standard input is not a"
                + " terminal it reads one command per line and prints one event per line.")
public final class ChatCommand implements Callable<Integer> {
    static final int EXIT_USAGE = TandemCommandLine.EXIT_USAGE;
    static final int EXIT_FAILED = TandemCommandLine.EXIT_FAILURE;

    @Parameters(paramLabel = "JID", description = "the account to log in as, such as alice@localhost")
    private String jid;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "the password, on the file's first line; without it the program asks on the terminal")
    private Path passwordFile;

    @Option(names = "--server", paramLabel = "HOST[:PORT]",
            description = "the server to connect to; default: the JID's domain. PORT defaults to "
                    + ClientConfig.DEFAULT_PORT)
    private String server;

    @Option(names = TlsOptions.NO_TLS, description = "connect to the server without TLS, whatever its address;"
            + " default: TLS unless the server is localhost or a loopback address (127.0.0.0/8, ::1)")
    private boolean noTls;

    @Option(names = TlsOptions.TLS, description = "require TLS (STARTTLS) whatever the server's address, loopback"
            + " included")
    private boolean tls;

    @Option(names = TlsOptions.TRUST_CERT, paramLabel = "SHA256", description = "accept exactly the server"
            + " certificate with this SHA-256 fingerprint (as a refused connection shows it), and refuse any other;"
            + " its names are not checked")
    private String trustCert;

    @Option(names = TlsOptions.INSECURE, description = "accept ANY server certificate: anyone between you and the"
            + " server can read and change everything (a warning at every start)")
    private boolean insecure;

    @Option(names = ChatOptions.DIRECT, paramLabel = "IFACE[,IFACE...]|any", description = "direct sessions over"
            + " ICE, on these network interfaces (any: all but loopback); off without it")
    private String interfaces;

    @Option(names = ChatOptions.STUN, paramLabel = "HOST[:PORT]", description = "the STUN server for direct"
            + " sessions, when the chat server offers none (XEP-0215); PORT defaults to " + StunDefaults.PORT)
    private String stun;

    @Option(names = FileOptions.DOWNLOADS, paramLabel = "DIR",
            description = "where received files go; default: ~/Downloads/tandem")
    private String downloads;

    @Option(names = FileOptions.TRANSPORTS, paramLabel = "ice,s5b,ibb", description = "the file transports to try,"
            + " in this order; ibb (in-band), if given, last. Default: ice,s5b,ibb (ice only with --direct)")
    private String transports;

    @Option(names = AcceptFiles.OPTION, paramLabel = "ask|contacts|none", description = "files contacts offer:"
            + " ask before taking each, take them all, or decline them all. Default: ask on a terminal, contacts"
            + " without one")
    private String acceptFiles;

    @Option(names = "--log", paramLabel = "FILE", description = "where the log goes (libraries' notices, our"
            + " warnings); default: $XDG_STATE_HOME/tandem/chat.log or ~/.local/state/tandem/chat.log. Nothing is"
            + " logged on the screen")
    private Path logFile;

    @Option(names = "--verbose", description = "also show our own debug events on the screen (and in the log)")
    private boolean verbose;

    @Option(names = "--no-history", description = "keep no local history of the conversations (by default they"
            + " are kept in $XDG_DATA_HOME/tandem or ~/.local/share/tandem, for /history)")
    private boolean noHistory;

    @Option(names = "--register", description = "create the account on the server first (XEP-0077 in-band"
            + " registration, where the server allows it), then log in")
    private boolean register;

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    /** Package-private for the tests, which run the command line in-process. */
    ChatCommand() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new ChatCommand(), args));
    }

    /** The options these arguments ask for, without running anything. */
    static ChatOptions parse(String... args) {
        ChatCommand command = new ChatCommand();
        TandemCommandLine.of(command).parseArgs(args);
        return command.options();
    }

    @Override
    public Integer call() throws Exception {
        ChatOptions options = options();
        ClientConfig config;
        try {
            config = options.account(password(options), register);
        } catch (IllegalArgumentException | IOException e) {
            throw TandemCommandLine.usageError(spec, e.getMessage());
        }
        boolean interactive = System.console() != null;
        ChatScreen screen = interactive ? TerminalScreen.open() : new LineScreen(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintStream(System.out, true, StandardCharsets.UTF_8));
        try (screen) {
            try {
                ChatLog.install(logFile != null ? logFile : ChatLog.defaultFile(System.getenv(),
                        Path.of(System.getProperty("user.home"))), verbose ? screen::show : null);
            } catch (IOException e) {
                screen.show(ChatEvent.withText("error", e.getMessage()));
            }
            options.tls().warning().ifPresent(warning -> screen.show(ChatEvent.withText("info", warning)));
            ChatController controller = new ChatController(screen::show, options.files().acceptFiles(interactive));
            if (interactive) {
                controller.tellTyping(TypingNotifier.PAUSED_AFTER);
            }
            if (!noHistory) {
                try {
                    controller.keepHistory(ChatHistory.open(UserDirectories.data(System.getenv(),
                            Path.of(System.getProperty("user.home"))), config.jid().asBareJid()));
                } catch (IOException e) {
                    screen.show(ChatEvent.withText("error", "cannot keep a history: " + e.getMessage()));
                }
            }
            TandemClient client;
            try {
                client = TandemClient.connect(config, beforeLogin -> {
                    controller.attach(beforeLogin);
                    options.direct().ifPresent(beforeLogin::enableDirect);
                    beforeLogin.files().setConfig(options.files().applyTo(beforeLogin.files().config(),
                            options.direct().map(DirectConfig::ice)));
                });
            } catch (Exception e) {
                screen.show(ChatEvent.withText("error", (register ? "cannot register " : "cannot log in as ")
                        + config.jid() + " at " + config.host() + ":" + config.port() + ": " + e.getMessage()));
                screen.show(ChatEvent.of("bye"));
                return EXIT_FAILED;
            }
            if (register) {
                screen.show(ChatEvent.withText("info", "created the account " + config.jid()));
            }
            try (client) {
                controller.started();
                String line;
                while ((line = screen.readLine(controller)) != null && controller.handle(line)) {
                    // each line handled in turn
                }
                controller.stopTyping();
            }
            screen.show(ChatEvent.of("bye"));
        }
        return TandemCommandLine.EXIT_OK;
    }

    /** The options, checked; what is wrong with them is a usage error naming the option. */
    private ChatOptions options() {
        try {
            FileOptions files = FileOptions.none();
            if (downloads != null) {
                files = files.withDownloads(downloads);
            }
            if (transports != null) {
                files = files.withTransports(transports);
            }
            if (acceptFiles != null) {
                files = files.withAcceptFiles(acceptFiles);
            }
            return ChatOptions.of(jid, Optional.ofNullable(passwordFile), Optional.ofNullable(server),
                    Optional.ofNullable(interfaces), Optional.ofNullable(stun), files,
                    TlsOptions.of(noTls, tls, Optional.ofNullable(trustCert), insecure));
        } catch (IllegalArgumentException e) {
            throw TandemCommandLine.usageError(spec, e.getMessage());
        }
    }

    /** From the file, else asked on the terminal without echo; a script must give a file. */
    private static String password(ChatOptions options) throws IOException {
        if (options.passwordFile().isPresent()) {
            String content = Files.readString(options.passwordFile().get(), StandardCharsets.UTF_8);
            return content.lines().findFirst().orElseThrow(() ->
                    new IllegalArgumentException("the password file " + options.passwordFile().get() + " is empty"));
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: use --password-file FILE");
        }
        char[] typed = console.readPassword("Password for %s: ", options.jid());
        if (typed == null) {
            throw new IllegalArgumentException("no password given");
        }
        return new String(typed);
    }
}
