package im.tandem.it.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Random;

/**
 * What runs over each link of {@link LossBenchmark}: transfers of pseudo-random bytes from client to server, the
 * bytes of each drawn from its own seed, so that the server can check what arrived against the SHA-256 of what was
 * meant to arrive; the server answers each transfer with one byte, 1 if the hashes matched. The server also times
 * the longest wait between two reads of one transfer that brought data: a stall. The client prints
 * {@code RESULT megabytesPerSecond matchingTransfers}, the server {@code STALL longestMillis}.
 */
final class LossWorkload {

    static final String RESULT = "RESULT";
    static final String STALL = "STALL";
    private static final int CHUNK = 64 * 1024;
    private static final double BYTES_PER_MEGABYTE = 1e6;
    private static final long SEED = 20_261_205;
    private static final byte MATCH = 1;
    private static final byte MISMATCH = 0;

    private LossWorkload() {
    }

    /** The client's side: sends every transfer, returns the RESULT line. */
    static String measure(InputStream in, OutputStream out, int transfers, long bytesPerTransfer)
            throws IOException {
        byte[] chunk = new byte[CHUNK];
        Samples times = new Samples();
        int matching = 0;
        for (int transfer = 0; transfer < transfers; transfer++) {
            Random bytes = new Random(SEED + transfer);
            long start = System.nanoTime();
            for (long sent = 0; sent < bytesPerTransfer; sent += CHUNK) {
                int n = (int) Math.min(CHUNK, bytesPerTransfer - sent);
                bytes.nextBytes(chunk);
                out.write(chunk, 0, n);
            }
            out.flush();
            int verdict = in.read();
            if (verdict < 0) {
                throw new EOFException("the link ended after transfer " + transfer);
            }
            times.add(System.nanoTime() - start);
            matching += verdict == MATCH ? 1 : 0;
        }
        double megabytesPerSecond = bytesPerTransfer / BYTES_PER_MEGABYTE / (times.medianMillis() / 1000);
        return String.format(Locale.ROOT, "%s %.1f %d", RESULT, megabytesPerSecond, matching);
    }

    /** The server's side: reads and checks every transfer, returns the STALL line. */
    static String answer(InputStream in, OutputStream out, int transfers, long bytesPerTransfer)
            throws IOException {
        byte[] buffer = new byte[CHUNK];
        byte[] expected = new byte[CHUNK];
        long longestStallNanos = 0;
        for (int transfer = 0; transfer < transfers; transfer++) {
            MessageDigest received = sha256();
            MessageDigest meant = sha256();
            Random bytes = new Random(SEED + transfer);
            long total = 0;
            long lastData = System.nanoTime();
            while (total < bytesPerTransfer) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytesPerTransfer - total));
                if (n < 0) {
                    throw new EOFException("the link ended after " + total + " bytes of transfer " + transfer);
                }
                long now = System.nanoTime();
                if (total > 0) {
                    longestStallNanos = Math.max(longestStallNanos, now - lastData);
                }
                lastData = now;
                received.update(buffer, 0, n);
                total += n;
            }
            for (long made = 0; made < bytesPerTransfer; made += CHUNK) {
                bytes.nextBytes(expected);
                meant.update(expected, 0, (int) Math.min(CHUNK, bytesPerTransfer - made));
            }
            out.write(MessageDigest.isEqual(received.digest(), meant.digest()) ? MATCH : MISMATCH);
            out.flush();
        }
        return String.format(Locale.ROOT, "%s %.1f", STALL, longestStallNanos / 1e6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
