package im.tandem.it.bench;

import im.tandem.ice.session.PathType;
import im.tandem.it.ice.RepeatingIcePair;
import im.tandem.it.ice.ServerArguments;
import im.tandem.it.lab.CoturnServer;
import im.tandem.it.lab.DiscoveryServer;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ICE setup time per kind of pair: from telling both peers to start until both have selected a path, which covers
 * gathering (with a STUN answer or a TURN allocation), the exchange of descriptions through this process (as the
 * XMPP server would carry them) and the connectivity checks. Each pair is a {@link RepeatingIcePair}: two JVMs that
 * set up one session after another; the first session warms them up and is not counted.
 */
final class IceSetupBench {

    /** Measured sessions per pair, after the warm-up session. */
    static final int RUNS = 10;
    /** ICE fails by itself after 10 s (IceConfig's default); this only catches a stuck peer. */
    private static final Duration STEP_LIMIT = Duration.ofSeconds(40);
    /** Outlasts the benchmark by far; coturn refuses credentials whose expiry has passed. */
    private static final Duration CREDENTIAL_LIFETIME = Duration.ofHours(1);

    /** Two lab clients and the servers their sessions use, and the path ICE must select between them. */
    record Pair(String name, String controlling, String controlled, PathType expected, List<String> servers) {
    }

    record Row(Pair pair, Samples times) {
    }

    private IceSetupBench() {
    }

    /**
     * The three pairs: two public hosts; two port-restricted cones that need their server-reflexive candidates
     * from our STUN server; two symmetric NATs that only a TURN relay can join.
     */
    static List<Pair> pairs(NatLab lab) {
        CoturnServer turn = lab.turnServer();
        CoturnServer.Credential credential = turn.restCredential("bench", Instant.now().plus(CREDENTIAL_LIFETIME));
        String ourStun = ServerArguments.hostPort(DiscoveryServer.TANDEM.address(lab));
        return List.of(
                pair("host ↔ host (no NAT)", NatKind.NONE, PathType.HOST, List.of()),
                pair("port-restricted cone ↔ port-restricted cone, via srflx", NatKind.PORT_RESTRICTED_CONE,
                        PathType.SRFLX, List.of("stun", ourStun)),
                pair("symmetric ↔ symmetric, via TURN relay", NatKind.SYMMETRIC, PathType.RELAY,
                        List.of("turn", ServerArguments.hostPort(turn.address()), credential.username(),
                                credential.password())));
    }

    static List<Row> run(NatLab lab, List<Pair> pairs) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Pair pair : pairs) {
            System.err.printf("ICE setup, %s...%n", pair.name());
            rows.add(new Row(pair, measure(lab, pair)));
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n### ICE setup (warm)%n%n");
        out.printf(Locale.ROOT, "From \"start\" to both peers having selected a path: gathering, the exchange of "
                + "descriptions, connectivity checks. %d sessions per pair after one discarded warm-up session, "
                + "peers in their own JVMs in two namespaces.%n%n", RUNS);
        out.println("| pair | selected path | median (ms) | p95 (ms) |");
        out.println("|---|---|---|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f |%n", row.pair().name(), row.pair().expected(),
                    row.times().medianMillis(), row.times().quantileMillis(0.95));
        }
    }

    private static Samples measure(NatLab lab, Pair pair) throws Exception {
        Samples times = new Samples();
        try (RepeatingIcePair peers = RepeatingIcePair.start(lab, pair.controlling(), pair.controlled(), false,
                pair.servers())) {
            peers.session(pair.expected(), STEP_LIMIT); // warm-up
            for (int run = 0; run < RUNS; run++) {
                times.add(peers.session(pair.expected(), STEP_LIMIT));
            }
        }
        return times;
    }

    private static Pair pair(String name, NatKind kind, PathType expected, List<String> servers) {
        return new Pair(name, kind.clientName(), NatBenchmark.secondClient(kind), expected, servers);
    }
}
