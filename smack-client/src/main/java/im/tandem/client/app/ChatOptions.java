package im.tandem.client.app;

import java.nio.file.Path;
import java.util.Optional;

/** The command line of {@code ./tandem chat JID [--password-file FILE] [--server HOST:PORT]}. */
record ChatOptions(String jid, Optional<Path> passwordFile, Optional<String> server) {
    static final String USAGE = "usage: ./tandem chat JID [--password-file FILE] [--server HOST:PORT]";

    static ChatOptions parse(String[] args) {
        String jid = null;
        Path passwordFile = null;
        String server = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--password-file" -> passwordFile = Path.of(value(args, ++i, "--password-file"));
                case "--server" -> server = value(args, ++i, "--server");
                default -> {
                    if (args[i].startsWith("-") || jid != null) {
                        throw new IllegalArgumentException("unexpected argument " + args[i]);
                    }
                    jid = args[i];
                }
            }
        }
        if (jid == null) {
            throw new IllegalArgumentException("which account? give its JID, such as alice@localhost");
        }
        return new ChatOptions(jid, Optional.ofNullable(passwordFile), Optional.ofNullable(server));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
