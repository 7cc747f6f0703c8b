package im.tandem.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import im.tandem.client.TandemClient;
import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireDistribution;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What the plugin costs the server: Openfire's boot time and the chat round trip between two of our clients,
 * with and without the plugin, measured in one run and reported as ratios against plain Openfire.
 * Rounds alternate between the two so that drift on the machine hits both alike.
 *
 * <p>Run with {@code ./tandem bench server}.
 */
@Command(name = "tandem bench server", description = "Openfire's boot time and chat round trip, with and without the plugin")
public final class ServerBenchmark implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    /** Round trips per round, as the target is stated: median and p99 over 1,000 messages. */
    static final int ROUND_TRIPS = 1_000;
    /** Discarded round trips that let the JIT and Openfire's caches settle first. */
    static final int WARM_UP = 300;
    /** Rounds per variant; each round boots a fresh server. */
    static final int ROUNDS = 3;

    ServerBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new ServerBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Samples> boots = new LinkedHashMap<>();
        Map<String, Samples> trips = new LinkedHashMap<>();
        for (String variant : new String[] {"plain Openfire", "with plugin"}) {
            boots.put(variant, new Samples());
            trips.put(variant, new Samples());
        }
        for (int round = 1; round <= ROUNDS; round++) {
            for (String variant : boots.keySet()) {
                System.err.printf("round %d/%d: %s...%n", round, ROUNDS, variant);
                measure(variant.equals("with plugin"), boots.get(variant), trips.get(variant));
            }
        }
        print(boots, trips);

        return TandemCommandLine.EXIT_OK;
    }

    private static void measure(boolean plugin, Samples boots, Samples trips) throws Exception {
        Path home = Files.createTempDirectory("tandem-bench-");
        OpenfireSettings settings = OpenfireSettings.builder().pluginInstalled(plugin)
                .user("alice", "alice-pw").user("bob", "bob-pw").build();
        long start = System.nanoTime();
        try (OpenfireProcess server = OpenfireProcess.start(home, settings, HarnessPaths.pluginJar())) {
            boots.add(System.nanoTime() - start);
            try (TandemClient alice = TandemClient.connect(ClientRoundTrips.account(server, "alice"));
                 TandemClient bob = TandemClient.connect(ClientRoundTrips.account(server, "bob"))) {
                new ClientRoundTrips(alice, bob).measure(WARM_UP, ROUND_TRIPS, trips);
            }
        }
    }

    private static void print(Map<String, Samples> boots, Map<String, Samples> trips) {
        Samples baseBoot = boots.get("plain Openfire");
        Samples baseTrip = trips.get("plain Openfire");
        System.out.printf("%n%s, %d rounds per variant, %d round trips per round (after %d warm-up)%n",
                OpenfireDistribution.underTest(), ROUNDS, ROUND_TRIPS, WARM_UP);
        System.out.println("| variant | boot median (s) | ratio | round trip median (ms) | ratio | round trip p99 (ms) | ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String variant : boots.keySet()) {
            Samples boot = boots.get(variant);
            Samples trip = trips.get(variant);
            System.out.printf("| %s | %.2f | %.2f | %.3f | %.2f | %.3f | %.2f |%n", variant,
                    boot.medianMillis() / 1000, boot.medianMillis() / baseBoot.medianMillis(),
                    trip.medianMillis(), trip.medianMillis() / baseTrip.medianMillis(),
                    trip.quantileMillis(0.99), trip.quantileMillis(0.99) / baseTrip.quantileMillis(0.99));
        }
    }
}
