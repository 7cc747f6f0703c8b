package im.tandem.it.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Random;

/**
 * What runs over each link of {@link LossBenchmark}: transfers from client to server, each made of one chunk of
 * pseudo-random bytes drawn from the transfer's own seed and stamped with each chunk's number (so no two chunks of a
 * transfer are alike, and a lost, repeated or swapped chunk changes the hash). After the bytes the client sends their
 * SHA-256; the server hashes what arrived and answers each transfer with one byte, 1 if the two match. Each end does
 * one hash per byte and nothing else, so the workload stays well above the links' rates: drawing every byte from
 * {@link Random} and hashing it twice at the server, as this workload first did, held kernel TCP to about 290 MB/s
 * here, and the server's second pass over each transfer was inside the client's timing. The server also times the
 * longest wait between two reads of one transfer that brought data: a stall. The client prints
 * {@code RESULT megabytesPerSecond matchingTransfers}, the server {@code STALL longestMillis}.
 */
final class LossWorkload {

    static final String RESULT = "RESULT";
    static final String STALL = "STALL";
    private static final int CHUNK = 64 * 1024;
    private static final int DIGEST_BYTES = 32;
    private static final double BYTES_PER_MEGABYTE = 1e6;
    private static final long SEED = 20_261_205;
    private static final byte MATCH = 1;
    private static final byte MISMATCH = 0;

    private LossWorkload() {
    }

    /** The client's side: sends every transfer and its hash, returns the RESULT line. */
    static String measure(InputStream in, OutputStream out, int transfers, long bytesPerTransfer)
            throws IOException {
        byte[] chunk = new byte[CHUNK];
        ByteBuffer stamp = ByteBuffer.wrap(chunk);
        Samples times = new Samples();
        int matching = 0;
        for (int transfer = 0; transfer < transfers; transfer++) {
            new Random(SEED + transfer).nextBytes(chunk);
            MessageDigest sent = sha256();
            long start = System.nanoTime();
            long number = 0;
            for (long done = 0; done < bytesPerTransfer; done += CHUNK) {
                int n = (int) Math.min(CHUNK, bytesPerTransfer - done);
                stamp.putLong(0, number++);
                sent.update(chunk, 0, n);
                out.write(chunk, 0, n);
            }
            out.write(sent.digest());
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
        long longestStallNanos = 0;
        for (int transfer = 0; transfer < transfers; transfer++) {
            MessageDigest received = sha256();
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
            byte[] claimed = in.readNBytes(DIGEST_BYTES);
            if (claimed.length < DIGEST_BYTES) {
                throw new EOFException("the link ended before the hash of transfer " + transfer);
            }
            out.write(MessageDigest.isEqual(received.digest(), claimed) ? MATCH : MISMATCH);
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
