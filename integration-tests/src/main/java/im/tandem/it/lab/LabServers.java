package im.tandem.it.lab;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for the third-party STUN and TURN servers the lab runs; independent implementations to check
 * the lab, and our own STUN code, against.
 */
public final class LabServers {

    /** The standard STUN/TURN port (RFC 8489). */
    public static final int STUN_PORT = 3478;
    /** The second port of a classic two-address STUN server, for CHANGE-REQUEST (RFC 3489, RFC 5780). */
    public static final int STUN_ALTERNATE_PORT = STUN_PORT + 1;

    private LabServers() {
    }

    /** Debian's classic RFC 3489 server, on both addresses and both standard ports. */
    public static List<String> stund(InetAddress primary, InetAddress alternate) {
        return List.of(LabTool.STUND.path(),
                "-h", primary.getHostAddress(), "-a", alternate.getHostAddress(),
                "-p", Integer.toString(STUN_PORT), "-o", Integer.toString(STUN_ALTERNATE_PORT));
    }

    /**
     * coturn as a STUN-only server with RFC 5780 NAT behaviour discovery, on two addresses and on {@code port}
     * and {@code port + 1}.
     */
    public static List<String> coturnBehaviourDiscovery(InetAddress primary, InetAddress alternate, int port,
                                                        Path workDirectory) {
        List<String> command = coturnBase(workDirectory, "coturn-stun-" + port);
        command.addAll(List.of(
                "--listening-ip", primary.getHostAddress(),
                "--listening-ip", alternate.getHostAddress(),
                "--listening-port", Integer.toString(port),
                "--alt-listening-port", Integer.toString(port + 1),
                "--stun-only"));
        return command;
    }

    /** coturn as a plain STUN server on one address and port, as benchmarks compare against. */
    public static List<String> coturnStun(InetAddress address, int port, Path workDirectory) {
        List<String> command = coturnBase(workDirectory, "coturn-stun-" + port);
        command.addAll(List.of(
                "--listening-ip", address.getHostAddress(),
                "--listening-port", Integer.toString(port),
                "--stun-only"));
        return command;
    }

    /** coturn as a TURN server taking TURN REST API credentials, relaying from its own address. */
    public static List<String> coturnRelay(CoturnServer server, Path workDirectory) {
        List<String> command = coturnBase(workDirectory, "coturn-turn-" + server.address().getPort());
        String address = server.address().getAddress().getHostAddress();
        command.addAll(List.of(
                "--listening-ip", address,
                "--relay-ip", address,
                "--listening-port", Integer.toString(server.address().getPort()),
                "--use-auth-secret",
                "--static-auth-secret", server.sharedSecret(),
                "--realm", server.realm()));
        return command;
    }

    /**
     * Options every coturn of the lab shares. {@code -n} ignores /etc/turnserver.conf, whose Debian default turns
     * RFC 5780 off and logs to syslog; state files go to the lab's own directory; TLS, DTLS and the telnet CLI are
     * off because no lab test uses them and they would need certificates or another port.
     */
    private static List<String> coturnBase(Path workDirectory, String stateName) {
        return new ArrayList<>(List.of(LabTool.TURNSERVER.path(), "-n",
                "--no-cli", "--no-tls", "--no-dtls",
                "--log-file", "stdout", "--simple-log",
                "--pidfile", workDirectory.resolve(stateName + ".pid").toString(),
                "--db", workDirectory.resolve(stateName + ".sqlite").toString()));
    }
}
