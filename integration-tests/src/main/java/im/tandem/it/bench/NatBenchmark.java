package im.tandem.it.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.lab.DiscoveryServer;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What NAT traversal costs, in one run on one NAT lab (root only): NAT-type discovery time behind every kind of NAT
 * against the classic sequential algorithm ({@link DiscoveryBench}), warm ICE setup time per kind of pair
 * ({@link IceSetupBench}), and our channel's throughput and round trip against kernel TCP and TLS over TCP
 * ({@link ChannelBench}). Prints markdown tables; progress goes to standard error.
 *
 * <p>Run with {@code ./tandem bench nat}.
 */
@Command(name = "tandem bench nat", description = "NAT discovery, ICE setup and channel throughput in the NAT lab (root)")
public final class NatBenchmark implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Option(names = "--channel-only", description = "measure only the channel against TCP and TLS, without NAT "
            + "discovery and ICE set-up (a few minutes instead of a quarter of an hour)")
    private boolean channelOnly;

    /**
     * The lab has one client per NAT kind, named by {@link NatKind#clientName()}; these kinds get a second client,
     * the peer of the first in the ICE and channel measurements.
     */
    private static final Map<NatKind, String> SECOND_CLIENTS = Map.of(NatKind.NONE, "open2",
            NatKind.PORT_RESTRICTED_CONE, "portrestr2", NatKind.SYMMETRIC, "symmetric2");

    NatBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new NatBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        NatLab.Builder builder = NatLab.builder().stunServer().turnServer().clientOfEveryKind();
        SECOND_CLIENTS.forEach((kind, name) -> builder.client(name, kind));
        System.err.println("building the NAT lab...");
        try (NatLab lab = builder.build()) {
            List<DiscoveryBench.Row> discovery = List.of();
            List<IceSetupBench.Row> ice = List.of();
            if (!channelOnly) {
                DiscoveryServer.TANDEM.start(lab);
                discovery = DiscoveryBench.run(lab);
                ice = IceSetupBench.run(lab, IceSetupBench.pairs(lab));
            }
            List<ChannelBench.Row> channel = ChannelBench.run(lab);

            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.printf(Locale.ROOT, "%n## NAT lab benchmark (%s, Java %s)%n", lab.prefix(),
                    System.getProperty("java.version"));
            if (!channelOnly) {
                DiscoveryBench.print(discovery, out);
                IceSetupBench.print(ice, out);
            }
            ChannelBench.print(channel, out);
            out.printf(Locale.ROOT, "%nWhole run, lab included: %.0f s%n", (System.nanoTime() - start) / 1e9);
        }

        return TandemCommandLine.EXIT_OK;
    }

    /** The second client of a kind that has one. */
    static String secondClient(NatKind kind) {
        String name = SECOND_CLIENTS.get(kind);
        if (name == null) {
            throw new IllegalArgumentException("the benchmark lab has no second " + kind + " client");
        }
        return name;
    }
}
