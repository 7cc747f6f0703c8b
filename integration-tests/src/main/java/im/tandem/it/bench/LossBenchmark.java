package im.tandem.it.bench;

import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.ice.IcePeer;
import im.tandem.it.ice.Signalling;
import im.tandem.it.lab.LabClient;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.PeerProcess;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Our channel on the ICE path against kernel TCP on a lossy link, in one run on one NAT lab (root only): two public
 * clients, the first one's router dropping packets at random both ways ({@code numgen random}; the kernel has no
 * netem), and the same transfers over each link, every one checked by its SHA-256 at the receiver, which also
 * times the longest stall. Prints a markdown table; progress goes to standard error.
 *
 * <p>Run with {@code ./tandem bench loss}.
 */
@Command(name = "tandem bench loss", description = "channel against kernel TCP on a link with random loss (root)")
public final class LossBenchmark implements Callable<Integer> {

    /** The condition: one packet in a hundred lost, each way. */
    static final double DEFAULT_LOSS_PERCENT = 1.0;
    /** Enough transfers that a rare stall or a corrupted transfer shows. */
    static final int DEFAULT_TRANSFERS = 100;
    /** As in the channel benchmark: large enough that start-up is a small part of each transfer. */
    static final int DEFAULT_MEBIBYTES = 64;
    /** A few kilobytes a second would still finish this; anything slower is broken. */
    private static final Duration LINK_LIMIT = Duration.ofHours(2);
    private static final String CLIENT = "open";
    private static final String SERVER = "open2";

    @Mixin
    private HelpOption help;

    @Option(names = "--loss-percent", description = "packets dropped at random, each way, in per cent (default "
            + DEFAULT_LOSS_PERCENT + ")")
    private double lossPercent = DEFAULT_LOSS_PERCENT;

    @Option(names = "--transfers", description = "transfers per link (default " + DEFAULT_TRANSFERS + ")")
    private int transfers = DEFAULT_TRANSFERS;

    @Option(names = "--mebibytes", description = "size of each transfer in MiB (default " + DEFAULT_MEBIBYTES + ")")
    private int mebibytes = DEFAULT_MEBIBYTES;

    LossBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new LossBenchmark(), args));
    }

    private record Row(LinkKind kind, double megabytesPerSecond, int matching, double longestStallMillis) {
    }

    @Override
    public Integer call() throws Exception {
        if (lossPercent < 0 || lossPercent > 100 || transfers < 1 || mebibytes < 1) {
            System.err.println("--loss-percent must be between 0 and 100, --transfers and --mebibytes at least 1");
            return TandemCommandLine.EXIT_USAGE;
        }
        int parts = (int) Math.round(lossPercent / 100 * NatLab.LOSS_PARTS);
        System.err.println("building the NAT lab...");
        try (NatLab lab = NatLab.builder().client(CLIENT, NatKind.NONE).client(SERVER, NatKind.NONE).build()) {
            lab.loseRandomly(CLIENT, parts);
            Path keyStore = BenchTls.createKeyStore(lab.workDirectory());
            List<Row> rows = new ArrayList<>();
            for (LinkKind kind : List.of(LinkKind.TCP, LinkKind.CHANNEL_ICE)) {
                System.err.printf("%d transfers of %d MiB over %s with %.2f %% loss...%n", transfers, mebibytes,
                        kind.description(), lossPercent);
                rows.add(measure(lab, kind, keyStore));
            }
            print(rows, parts, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        }
        return TandemCommandLine.EXIT_OK;
    }

    private Row measure(NatLab lab, LinkKind kind, Path keyStore) throws Exception {
        LabClient client = lab.client(CLIENT);
        LabClient server = lab.client(SERVER);
        try (PeerProcess answering = start(lab, server, client, "server", kind, keyStore);
             PeerProcess measuring = start(lab, client, server, "client", kind, keyStore)) {
            Signalling.relay(answering, measuring, LINK_LIMIT);
            Signalling.relay(measuring, answering, LINK_LIMIT);
            String[] result = measuring.await(LossWorkload.RESULT, LINK_LIMIT).split(" ");
            String[] stall = answering.await(LossWorkload.STALL, LINK_LIMIT).split(" ");
            return new Row(kind, Double.parseDouble(result[1]), Integer.parseInt(result[2]),
                    Double.parseDouble(stall[1]));
        }
    }

    private PeerProcess start(NatLab lab, LabClient own, LabClient peer, String role, LinkKind kind, Path keyStore)
            throws Exception {
        return PeerProcess.start(role, lab.javaCommand(own.namespace(), LinkPeer.class.getName(), role, kind.name(),
                own.address().getHostAddress(), peer.address().getHostAddress(), keyStore.toString(),
                LinkPeer.LOSS_WORKLOAD, Integer.toString(transfers), Long.toString((long) mebibytes << 20)),
                lab.workDirectory().resolve("loss-" + kind.name().toLowerCase(Locale.ROOT) + "-" + role + ".log"),
                IcePeer::reportsFailure);
    }

    private void print(List<Row> rows, int parts, PrintStream out) {
        Row tcp = rows.get(0);
        out.printf(Locale.ROOT, "%n### Transfers under random loss%n%n");
        out.printf(Locale.ROOT, "Two processes in two namespaces on the lab's veth path, sharing the machine's %d "
                + "cores; the first client's router drops %d in %d packets at random, each way (nftables numgen). "
                + "%d transfers of %d MiB per link, each checked by SHA-256; rate: median transfer.%n%n",
                Runtime.getRuntime().availableProcessors(), parts, NatLab.LOSS_PARTS, transfers, mebibytes);
        out.println("| link | MB/s | × TCP | transfers with matching hashes | longest stall (ms) |");
        out.println("|---|---|---|---|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %.1f | %.3f | %d of %d | %.0f |%n", row.kind().description(),
                    row.megabytesPerSecond(), row.megabytesPerSecond() / tcp.megabytesPerSecond(), row.matching(),
                    transfers, row.longestStallMillis());
        }
    }
}
