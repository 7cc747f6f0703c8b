package im.tandem.it.openfire;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of `./tandem server`, parsed and checked. */
record ServerOptions(Path dataDir, String domain, int clientPort, List<OpenfireSettings.UserAccount> users,
                     Map<String, String> properties) {
    static final String USAGE = "usage: ./tandem server [--data DIR] [--domain NAME] [--user NAME:PASSWORD]..."
            + " [--c2s-port N] [--property KEY=VALUE]... [--openfire DIR]";

    static ServerOptions parse(String[] args) {
        Path dataDir = Path.of(TandemServerCommand.DEFAULT_DATA_DIR);
        String domain = OpenfireSettings.DEFAULT_DOMAIN;
        int clientPort = TandemServerCommand.DEFAULT_CLIENT_PORT;
        List<OpenfireSettings.UserAccount> users = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> dataDir = Path.of(value);
                case "--domain" -> domain = value;
                case "--user" -> users.add(OpenfireSettings.UserAccount.parse(value));
                case "--c2s-port" -> clientPort = parsePort(value);
                case "--property" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--property takes KEY=VALUE, got '" + value + "'");
                    }
                    properties.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        OpenfireSettings.builder().domain(domain).clientPort(clientPort); // validates both, naming the option
        return new ServerOptions(dataDir, domain, clientPort, List.copyOf(users), Map.copyOf(properties));
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--c2s-port must be between 1 and 65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--c2s-port takes a number, got '" + value + "'", e);
        }
    }
}
