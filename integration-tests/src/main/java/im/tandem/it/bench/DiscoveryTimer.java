package im.tandem.it.bench;

import im.tandem.ice.nat.NatDiscovery;
import im.tandem.ice.nat.NatDiscoveryResult;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.stack.StunStack;
import org.ice4j.stunclient.NetworkConfigurationDiscoveryProcess;
import org.ice4j.stunclient.StunDiscoveryReport;

/**
 * Run by {@link NatBenchmark} inside a lab client's namespace: times NAT-type discovery against one STUN server,
 * one run after another in this JVM. The first run warms the JVM up and is not reported; each later one prints
 * {@code RUN nanoseconds verdict}.
 *
 * <p>Arguments: {@code tandem|classic host:port runs}. {@code tandem} is our parallel discovery; {@code classic} is
 * ice4j's NetworkConfigurationDiscoveryProcess, the sequential RFC 3489 algorithm (it needs CHANGED-ADDRESS, so
 * only a classic server such as stund works, and the JVM needs {@code -Dice4j.software=} for stund to accept its
 * requests). Both are timed the same way: from creating the sockets to the verdict.
 */
public final class DiscoveryTimer {

    /**
     * Pause between runs, outside the timing: long enough for our server's per-source rate limit (20 packets a
     * second, a run sends up to 14) to refill, as it would between one user's runs.
     */
    static final Duration PAUSE = Duration.ofMillis(500);

    private DiscoveryTimer() {
    }

    /** One way to discover the NAT type; returns the verdict as text. */
    private interface Method {
        String discover(InetSocketAddress server) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Method method = switch (args[0]) {
            case "tandem" -> DiscoveryTimer::tandem;
            case "classic" -> DiscoveryTimer::classic;
            default -> throw new IllegalArgumentException("method must be tandem or classic, not " + args[0]);
        };
        int colon = args[1].lastIndexOf(':');
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(args[1].substring(0, colon)),
                Integer.parseInt(args[1].substring(colon + 1)));
        int runs = Integer.parseInt(args[2]);
        for (int run = 0; run <= runs; run++) {
            Thread.sleep(PAUSE.toMillis());
            long start = System.nanoTime();
            String verdict = method.discover(server);
            long elapsed = System.nanoTime() - start;
            if (run > 0) {
                System.out.println("RUN " + elapsed + " " + verdict);
            }
        }
        // ice4j's stacks may leave threads running after shutDown.
        System.exit(0);
    }

    private static String tandem(InetSocketAddress server) throws IOException {
        NatDiscoveryResult result = new NatDiscovery(server).discover();
        return result.natType().map(Enum::name).orElse("undetermined");
    }

    private static String classic(InetSocketAddress server) throws Exception {
        // ice4j compares the mapped address with the local one it was given, so it needs a concrete address and
        // port rather than a wildcard: take the address the route uses and a port that is free right now.
        InetSocketAddress local;
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(server);
            InetAddress address = probe.getLocalAddress();
            probe.disconnect();
            try (DatagramSocket free = new DatagramSocket(new InetSocketAddress(address, 0))) {
                local = (InetSocketAddress) free.getLocalSocketAddress();
            }
        }
        StunStack stack = new StunStack();
        NetworkConfigurationDiscoveryProcess process = new NetworkConfigurationDiscoveryProcess(stack,
                new TransportAddress(local, Transport.UDP), new TransportAddress(server, Transport.UDP));
        try {
            process.start();
            StunDiscoveryReport report = process.determineAddress();
            return report == null ? "failed" : report.getNatType();
        } finally {
            process.shutDown();
            stack.shutDown();
        }
    }
}
