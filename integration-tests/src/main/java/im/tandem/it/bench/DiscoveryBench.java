package im.tandem.it.bench;

import im.tandem.it.ice.ServerArguments;
import im.tandem.it.lab.DiscoveryServer;
import im.tandem.it.lab.ExecResult;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * NAT-type discovery time behind every kind of lab NAT: ours against our server, and the classic sequential
 * RFC 3489 algorithm (ice4j's NetworkConfigurationDiscoveryProcess) against Debian's stund, each in its own JVM in
 * the client's namespace (see {@link DiscoveryTimer}).
 */
final class DiscoveryBench {

    /** Runs of ours per NAT, after the warm-up run. */
    static final int RUNS = 10;
    /**
     * Runs of the classic algorithm per NAT: fewer, because each unanswered test costs it 6.3 s (ice4j's seven
     * sends, 100 ms doubling to 1.6 s) and a port-restricted NAT has two; with 5 runs its p95 is its maximum.
     */
    static final int CLASSIC_RUNS = 5;
    /** ice4j must send no SOFTWARE attribute, which stund cannot parse; and never ask the cloud metadata address. */
    private static final List<String> CLASSIC_JVM_OPTIONS = List.of("-Dice4j.software=",
            "-Dice4j.harvest.mapping.aws.enabled=false");
    /** Ample for the slowest series: the classic algorithm behind a port-restricted NAT, 6 runs of 12.6 s. */
    private static final Duration SERIES_LIMIT = Duration.ofMinutes(5);

    /** One series of runs: what they concluded (normally one verdict) and how long each took. */
    record Series(Set<String> verdicts, Samples times) {
    }

    record Row(NatKind kind, Series tandem, Series classic) {
    }

    private DiscoveryBench() {
    }

    static List<Row> run(NatLab lab) {
        List<Row> rows = new ArrayList<>();
        for (NatKind kind : NatKind.values()) {
            System.err.printf("discovery behind %s...%n", kind);
            Series tandem = series(lab, kind, "tandem", DiscoveryServer.TANDEM, RUNS, List.of());
            Series classic = series(lab, kind, "classic", DiscoveryServer.STUND, CLASSIC_RUNS, CLASSIC_JVM_OPTIONS);
            rows.add(new Row(kind, tandem, classic));
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n### NAT-type discovery%n%n");
        out.printf(Locale.ROOT, "Ours: %d runs against our server. Classic: ice4j's sequential RFC 3489 algorithm, "
                + "%d runs against Debian's stund (so its p95 is its maximum). Both after one discarded warm-up run, "
                + "each in its own JVM in the client's namespace, runs %d ms apart.%n%n", RUNS, CLASSIC_RUNS,
                DiscoveryTimer.PAUSE.toMillis());
        out.println("| NAT | ours: verdict | median (ms) | p95 (ms) | classic: verdict | median (ms) | p95 (ms) "
                + "| median ours / classic |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %.1f | %.1f | %.3f |%n", row.kind(),
                    String.join(" / ", row.tandem().verdicts()), row.tandem().times().medianMillis(),
                    row.tandem().times().quantileMillis(0.95), String.join(" / ", row.classic().verdicts()),
                    row.classic().times().medianMillis(), row.classic().times().quantileMillis(0.95),
                    row.tandem().times().medianMillis() / row.classic().times().medianMillis());
        }
    }

    private static Series series(NatLab lab, NatKind kind, String method, DiscoveryServer server, int runs,
                                 List<String> jvmOptions) {
        ExecResult result = lab.exec(SERIES_LIMIT, lab.javaCommand(lab.clientNamespace(kind.clientName()),
                jvmOptions, DiscoveryTimer.class.getName(),
                List.of(method, ServerArguments.hostPort(server.address(lab)), Integer.toString(runs))))
                .requireSuccess();
        Set<String> verdicts = new TreeSet<>();
        Samples times = new Samples();
        result.output().lines().filter(line -> line.startsWith("RUN ")).forEach(line -> {
            String[] fields = line.split(" ", 3);
            times.add(Long.parseLong(fields[1]));
            verdicts.add(fields[2]);
        });
        if (times.count() != runs) {
            throw new IllegalStateException(method + " discovery behind " + kind + " reported " + times.count()
                    + " of " + runs + " runs:\n" + result.output());
        }
        return new Series(verdicts, times);
    }
}
