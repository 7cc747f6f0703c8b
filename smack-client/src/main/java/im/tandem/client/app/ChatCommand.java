package im.tandem.client.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import im.tandem.client.TandemClient;
import im.tandem.client.connect.ClientConfig;
import im.tandem.client.direct.DirectConfig;

/**
 * {@code ./tandem chat}: the Tandem chat program. On a terminal it is an interactive program; when standard input
 * is not a terminal it reads one command per line and prints one {@link ChatEvent} per line, for scripts and tests.
 */
public final class ChatCommand {
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 1;

    private ChatCommand() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        ChatOptions options;
        ClientConfig config;
        try {
            options = ChatOptions.parse(args);
            ClientConfig.Builder builder = ClientConfig.forAccount(options.jid(), password(options));
            options.server().ifPresent(builder::server);
            config = builder.build();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("tandem chat: " + e.getMessage());
            System.err.println(ChatOptions.USAGE);
            return EXIT_USAGE;
        }
        boolean interactive = System.console() != null;
        ChatScreen screen = interactive ? TerminalScreen.open() : new LineScreen(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintStream(System.out, true, StandardCharsets.UTF_8));
        try (screen) {
            ChatController controller = new ChatController(screen::show);
            TandemClient client;
            try {
                client = TandemClient.connect(config, beforeLogin -> {
                    controller.attach(beforeLogin);
                    options.direct().ifPresent(beforeLogin::enableDirect);
                    beforeLogin.files().setConfig(options.files().applyTo(beforeLogin.files().config(),
                            options.direct().map(DirectConfig::ice)));
                });
            } catch (Exception e) {
                screen.show(ChatEvent.withText("error", "cannot log in as " + config.jid() + " at " + config.host()
                        + ":" + config.port() + ": " + e.getMessage()));
                screen.show(ChatEvent.of("bye"));
                return EXIT_FAILED;
            }
            try (client) {
                controller.started();
                String line;
                while ((line = screen.readLine(controller)) != null && controller.handle(line)) {
                    // each line handled in turn
                }
            }
            screen.show(ChatEvent.of("bye"));
        }
        return 0;
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
