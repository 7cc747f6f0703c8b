package im.tandem.it.bench;

import im.tandem.it.ice.IcePeer;
import im.tandem.it.ice.Signalling;
import im.tandem.it.lab.LabClient;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.PeerProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our channel against kernel TCP and TLS 1.3 over TCP, all between the same two processes' namespaces on the lab's
 * veth path (two public clients: client, router, core, router, client), measured in one run with the same
 * {@link LinkWorkload}; ratios are against kernel TCP.
 */
final class ChannelBench {

    /** The slowest link moves 6 × 64 MiB at a few tens of MB/s and pings 7,000 times: well under this. */
    private static final Duration LINK_LIMIT = Duration.ofMinutes(3);

    /**
     * @param cpuSecondsPer100Mb both processes' CPU time for every 100 MB moved
     * @param kernelShare        the part of that CPU time spent in the kernel
     */
    record Row(LinkKind kind, double megabytesPerSecond, double rttMedianMicros, double rttP99Micros,
               double cpuSecondsPer100Mb, double kernelShare) {
    }

    private static final double MEGABYTES_PER_CPU_FIGURE = 100;

    private ChannelBench() {
    }

    static List<Row> run(NatLab lab) throws Exception {
        Path keyStore = BenchTls.createKeyStore(lab.workDirectory());
        LabClient client = lab.client(NatKind.NONE.clientName());
        LabClient server = lab.client(NatBenchmark.secondClient(NatKind.NONE));
        List<Row> rows = new ArrayList<>();
        for (LinkKind kind : LinkKind.values()) {
            System.err.printf("link throughput and round trip, %s...%n", kind.description());
            try (PeerProcess answering = start(lab, server, client, "server", kind, keyStore);
                 PeerProcess measuring = start(lab, client, server, "client", kind, keyStore)) {
                Signalling.relay(answering, measuring, LINK_LIMIT);
                Signalling.relay(measuring, answering, LINK_LIMIT);
                String[] result = measuring.await(LinkWorkload.RESULT, LINK_LIMIT).split(" ");
                String[] cpu = answering.await(LinkWorkload.CPU, LINK_LIMIT).split(" ");
                double megabytes = (double) LinkWorkload.TRANSFERS * LinkWorkload.TRANSFER_BYTES / 1e6;
                ProcessCpu measuringCpu = ProcessCpu.parse(result, 4);
                ProcessCpu answeringCpu = ProcessCpu.parse(cpu, 1);
                long kernelNanos = measuringCpu.kernelNanos() + answeringCpu.kernelNanos();
                long totalNanos = measuringCpu.userNanos() + answeringCpu.userNanos() + kernelNanos;
                rows.add(new Row(kind, Double.parseDouble(result[1]), Double.parseDouble(result[2]),
                        Double.parseDouble(result[3]), totalNanos / 1e9 / megabytes * MEGABYTES_PER_CPU_FIGURE,
                        totalNanos == 0 ? 0 : (double) kernelNanos / totalNanos));
            }
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        Row tcp = rows.get(0);
        out.printf(Locale.ROOT, "%n### Channel throughput and round trip%n%n");
        out.printf(Locale.ROOT, "Two processes in two namespaces on the lab's veth path, sharing the machine's "
                + "%d cores. Throughput: median of %d transfers of %d MiB (after %d discarded); round trip: "
                + "%,d one-byte ping-pongs (after %,d discarded). CPU: both processes' CPU time over the measured "
                + "transfers, per 100 MB, and the part of it spent in the kernel.%n%n",
                Runtime.getRuntime().availableProcessors(),
                LinkWorkload.TRANSFERS, LinkWorkload.TRANSFER_BYTES >> 20, LinkWorkload.WARM_UP_TRANSFERS,
                LinkWorkload.PINGS,
                LinkWorkload.PING_WARM_UP);
        out.println("| link | MB/s | × TCP | RTT median (µs) | × TCP | RTT p99 (µs) | × TCP | CPU s per 100 MB "
                + "| of it in the kernel |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "| %s | %.1f | %.3f | %.0f | %.2f | %.0f | %.2f | %.2f | %.0f %% |%n",
                    row.kind().description(), row.megabytesPerSecond(),
                    row.megabytesPerSecond() / tcp.megabytesPerSecond(), row.rttMedianMicros(),
                    row.rttMedianMicros() / tcp.rttMedianMicros(), row.rttP99Micros(),
                    row.rttP99Micros() / tcp.rttP99Micros(), row.cpuSecondsPer100Mb(), 100 * row.kernelShare());
        }
    }

    private static PeerProcess start(NatLab lab, LabClient own, LabClient peer, String role, LinkKind kind,
                                     Path keyStore) throws Exception {
        return PeerProcess.start(role, lab.javaCommand(own.namespace(), LinkPeer.class.getName(), role,
                kind.name(), own.address().getHostAddress(), peer.address().getHostAddress(), keyStore.toString()),
                lab.workDirectory().resolve("link-" + kind.name().toLowerCase(Locale.ROOT) + "-" + role + ".log"),
                IcePeer::reportsFailure);
    }
}
