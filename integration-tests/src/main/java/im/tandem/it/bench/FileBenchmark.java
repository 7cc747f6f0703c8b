package im.tandem.it.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import im.tandem.client.file.transport.TransportMethod;
import im.tandem.ice.cli.HelpOption;
import im.tandem.ice.cli.TandemCommandLine;
import im.tandem.it.direct.DirectLab;
import im.tandem.it.direct.PeerArguments;
import im.tandem.it.file.FilePeer;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.PeerProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * File throughput over each transport in one run (root only): two chat programs on public NAT lab hosts send the
 * same file over the direct channel (ICE), through the server's SOCKS5 proxy and in-band through the server, with
 * Openfire and its proxy on a third lab host, so every route crosses the same virtual links. In-band, the route of
 * last resort, is the baseline of the ratios.
 *
 * <p>Per transport: the median over {@link #ROUNDS} transfers of the time from {@code /file} to the receiver's
 * {@code file-received} (negotiation and hashing included), and of the data rate the receiver reports (from its
 * first byte to its last), after {@link #WARM_UP} transfers whose rates are not counted but the first one's, shown
 * on its own. Run with {@code ./tandem bench file}.
 */
@Command(name = "tandem bench file", description = "file throughput over the direct channel, the SOCKS5 proxy and in-band (root)")
public final class FileBenchmark implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    /** 50 MB, the largest size the tests transfer: long enough that setup is a small part of the time. */
    static final long FILE_SIZE = 50L << 20;
    static final int ROUNDS = 5;
    /**
     * Transfers before the measured ones: each chat program is a new JVM, and the direct channel's Java code (its
     * encryption above all) runs at a fraction of its speed until the JIT compiler has compiled it, which takes a
     * few transfers; the first transfer's rate is reported on its own, as what a user's first file gets.
     */
    static final int WARM_UP = 4;
    private static final long SEED = 20_240_501;
    /** Decimal megabytes, as throughput is usually given. */
    private static final double MEGABYTE = 1e6;
    private static final Duration LOGIN = Duration.ofSeconds(60);
    private static final Duration TRANSFER = Duration.ofSeconds(180);
    private static final int CHUNK = 1 << 20;

    FileBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(TandemCommandLine.execute(new FileBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        System.err.println("building the NAT lab with Openfire...");
        try (DirectLab lab = DirectLab.start(Map.of("a", NatKind.NONE, "b", NatKind.NONE))) {
            lab.contacts("alice", "bob");
            // Openfire 4.2 relays only streams negotiated by stream initiation unless told otherwise (see README).
            lab.server().setProperty("xmpp.proxy.transfer.required", "false");
            lab.server().setProperty("xmpp.proxy.enabled", "true");
            Path file = randomFile(lab.lab().workDirectory().resolve("bench.bin"));
            String sha256 = sha256(file);
            Map<TransportMethod, Row> rows = new EnumMap<>(TransportMethod.class);
            for (TransportMethod method : List.of(TransportMethod.ICE, TransportMethod.S5B, TransportMethod.IBB)) {
                System.err.printf("%s: %d + %d transfers of %d MB...%n", method.route(), WARM_UP, ROUNDS,
                        FILE_SIZE >> 20);
                rows.put(method, measure(lab, method, file, sha256));
            }
            print(rows, new PrintStream(System.out, true, StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "%nWhole run, lab included: %.0f s%n", (System.nanoTime() - started) / 1e9);
        }

        return TandemCommandLine.EXIT_OK;
    }

    private static Row measure(DirectLab lab, TransportMethod method, Path file, String sha256) throws Exception {
        Samples total = new Samples();
        Samples rate = new Samples();
        long firstRate = 0;
        try (PeerProcess bob = peer(lab, "b", "bob", method); PeerProcess alice = peer(lab, "a", "alice", method)) {
            bob.await("connected", LOGIN);
            alice.await("connected", LOGIN);
            alice.awaitContactOnline(lab.jid("bob"), LOGIN);
            for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                long start = System.nanoTime();
                alice.send("/file " + lab.jid("bob") + " " + file);
                String last = bob.await(line -> line.startsWith("file-progress ") && field(line, 2).equals("100"),
                        "the last progress report", TRANSFER);
                String received = bob.await("file-received ", TRANSFER);
                long took = System.nanoTime() - start;
                if (!field(received, 4).equals(sha256) || !field(received, 6).equals(method.route())) {
                    throw new IllegalStateException("expected the file intact over " + method.route() + ", got: "
                            + received);
                }
                alice.await("file-sent ", TRANSFER);
                long bytesPerSecond = Long.parseLong(field(last, 3));
                Files.delete(Path.of(field(received, 5)));
                if (round == 0) {
                    firstRate = bytesPerSecond;
                }
                if (round >= WARM_UP) {
                    total.add(took);
                    // Samples holds nanoseconds: store the time one megabyte took at the reported rate.
                    rate.add((long) (1e9 * MEGABYTE / bytesPerSecond));
                }
            }
        }
        return new Row(firstRate / MEGABYTE, total, rate);
    }

    private static PeerProcess peer(DirectLab lab, String client, String user, TransportMethod method)
            throws IOException {
        Path downloads = Files.createDirectories(lab.lab().workDirectory().resolve("downloads-" + user));
        return lab.peer(client, user + "-" + method.route(), FilePeer.class.getName(), PeerArguments.of(
                PeerArguments.JID, lab.jid(user), PeerArguments.PASSWORD, DirectLab.password(user),
                PeerArguments.SERVER, lab.server().host() + ":" + lab.server().clientPort(),
                PeerArguments.DIRECT, DirectLab.CLIENT_INTERFACE,
                FilePeer.DOWNLOADS, downloads.toString(), FilePeer.TRANSPORTS, method.route()));
    }

    private static void print(Map<TransportMethod, Row> rows, PrintStream out) {
        Row baseline = rows.get(TransportMethod.IBB);
        out.printf(Locale.ROOT, "%n## File transfer, %d MB, %d transfers per transport after %d to warm up (NAT lab,"
                + " public hosts)%n", FILE_SIZE >> 20, ROUNDS, WARM_UP);
        out.println("| transport | first transfer, data rate (MB/s) | /file to received, median (s) | data rate,"
                + " median (MB/s) | rate vs in-band |");
        out.println("|---|---|---|---|---|");
        rows.forEach((method, row) -> out.printf(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.1f× |%n", method.route(),
                row.firstMegabytesPerSecond(), row.total().medianMillis() / 1000, row.megabytesPerSecond(),
                row.megabytesPerSecond() / baseline.megabytesPerSecond()));
        double direct = rows.get(TransportMethod.ICE).megabytesPerSecond()
                / rows.get(TransportMethod.S5B).megabytesPerSecond();
        out.printf(Locale.ROOT, "goal: the file over ICE at least as fast as through the SOCKS5 proxy (median rates):"
                + " %s (%.2f)%n", direct >= 1 ? "met" : "NOT met", direct);
    }

    /** Field {@code index} of an event line (0 is the kind). */
    private static String field(String line, int index) {
        return line.split(" ")[index];
    }

    private static Path randomFile(Path file) throws IOException {
        Random random = new Random(SEED);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = FILE_SIZE; left > 0; left -= CHUNK) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(CHUNK, left));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * One transport's measurements: the first transfer's rate, and after the warm-up the whole transfer and the time
     * per megabyte at the rate reported.
     */
    private record Row(double firstMegabytesPerSecond, Samples total, Samples perMegabyte) {
        double megabytesPerSecond() {
            return 1000 / perMegabyte.medianMillis();
        }
    }
}
