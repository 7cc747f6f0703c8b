package im.tandem.it.ice;

import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.TurnServer;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The STUN and TURN servers a lab peer is given on its command line: {@code stun host:port} and
 * {@code turn host:port user pass}, in any order, each at most once.
 */
public final class ServerArguments {

    private ServerArguments() {
    }

    /** The default ICE settings with the servers named by {@code arguments}. */
    public static IceConfig iceConfig(List<String> arguments) {
        IceConfig config = IceConfig.defaults();
        for (int i = 0; i < arguments.size(); i++) {
            switch (arguments.get(i)) {
                case "stun" -> config = config.withStunServers(List.of(address(arguments.get(++i))));
                case "turn" -> config = config.withTurnServers(List.of(new TurnServer(address(arguments.get(++i)),
                        arguments.get(++i), arguments.get(++i))));
                default -> throw new IllegalArgumentException("expected 'stun' or 'turn', got " + arguments.get(i));
            }
        }
        return config;
    }

    /** {@code host:port} as it goes on a peer's command line. */
    public static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
