package im.tandem.it.openfire;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of `./tandem server` as {@link TandemServerCommand} read it, checked. */
record ServerOptions(Path dataDir, String domain, int clientPort, List<OpenfireSettings.UserAccount> users,
                     Map<String, String> properties) {

    /**
     * The options, checked.
     *
     * @param users      each NAME:PASSWORD
     * @param properties each KEY=VALUE
     * @throws IllegalArgumentException naming the option whose value is wrong
     */
    static ServerOptions of(Path dataDir, String domain, String clientPort, List<String> users,
                            List<String> properties) {
        int port = parsePort(clientPort);
        OpenfireSettings.builder().domain(domain).clientPort(port); // validates both, naming the option
        return new ServerOptions(dataDir, domain, port,
                users.stream().map(OpenfireSettings.UserAccount::parse).toList(), parseProperties(properties));
    }

    private static Map<String, String> parseProperties(List<String> properties) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--property takes KEY=VALUE, got '" + property + "'");
            }
            parsed.put(property.substring(0, equals), property.substring(equals + 1));
        }
        return Map.copyOf(parsed);
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
