package im.tandem.it.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;

import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.lab.LabServers;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * STUN Binding answers per second from the STUN server the plugin hosts inside Openfire, against coturn on the
 * same machine in the same run. Both listen on loopback; the load generator shares the machine's cores with them.
 *
 * <p>Run with {@code ./tandem bench stun}.
 */
@Command(name = "tandem bench stun", description = "STUN answers per second: the plugin's hosted server against coturn")
public final class StunBenchmark implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    static final int ROUNDS = 3;
    static final Duration WARM_UP = Duration.ofSeconds(2);
    static final Duration MEASURE = Duration.ofSeconds(5);
    /** High enough that the per-source rate limit (one source here) never decides the outcome. */
    static final String UNLIMITED = "1000000";

    StunBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new StunBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int hostedPort = freeUdpPort(loopback);
        int coturnPort = freeUdpPort(loopback);
        Path work = Files.createTempDirectory("tandem-stun-bench-");
        OpenfireSettings settings = OpenfireSettings.builder()
                .property("tandem.stun.enabled", "true")
                .property("tandem.stun.primary", "127.0.0.1:" + hostedPort)
                .property("tandem.stun.rate-limit", UNLIMITED)
                .property("tandem.stun.rate-burst", UNLIMITED)
                .build();
        Process coturn = new ProcessBuilder(LabServers.coturnStun(loopback, coturnPort, work)).redirectErrorStream(true).redirectOutput(work.resolve("coturn.log").toFile()).start();
        double[] hosted = new double[ROUNDS];
        double[] reference = new double[ROUNDS];
        try (OpenfireProcess openfire = OpenfireProcess.start(work.resolve("openfire"), settings, HarnessPaths.pluginJar())) {
            for (int round = 0; round < ROUNDS; round++) {
                System.err.printf("round %d/%d%n", round + 1, ROUNDS);
                hosted[round] = StunLoad.answersPerSecond(new InetSocketAddress(loopback, hostedPort), WARM_UP, MEASURE);
                reference[round] = StunLoad.answersPerSecond(new InetSocketAddress(loopback, coturnPort), WARM_UP, MEASURE);
            }
        } finally {
            coturn.destroy();
        }
        double base = median(reference);
        System.out.printf("%nSTUN Binding answers per second on loopback, %d rounds of %d s, %d sockets x %d in flight%n",
                ROUNDS, MEASURE.toSeconds(), StunLoad.SOCKETS, StunLoad.IN_FLIGHT);
        System.out.println("| server | answers/s (median) | ratio |");
        System.out.println("|---|---|---|");
        System.out.printf("| coturn (--stun-only) | %.0f | 1.00 |%n", base);
        System.out.printf("| Tandem plugin, hosted in Openfire | %.0f | %.2f |%n", median(hosted), median(hosted) / base);

        return TandemCommandLine.EXIT_OK;
    }

    private static int freeUdpPort(InetAddress address) throws java.io.IOException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress(address, 0))) {
            return probe.getLocalPort();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
