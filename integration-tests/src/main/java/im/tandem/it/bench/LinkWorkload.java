package im.tandem.it.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * What runs over every link the channel benchmark compares, identically: bulk transfers from client to server,
 * each acknowledged by one byte once the server has read it all, then one-byte ping-pongs. The client's numbers
 * come out as {@code RESULT megabytesPerSecond rttMedianMicros rttP99Micros userNanos kernelNanos}, the last two being
 * the CPU time its process spent on the measured transfers ({@link ProcessCpu}); the server's side returns its own.
 */
final class LinkWorkload {

    static final String RESULT = "RESULT";
    /**
     * What the answering side prints: {@code CPU userNanos kernelNanos}, its process's CPU time on the measured
     * transfers.
     */
    static final String CPU = "CPU";
    /** Large enough that connection start-up and slow start are a small part of each transfer. */
    static final int TRANSFER_BYTES = 64 * 1024 * 1024;
    /** Measured transfers; odd, so the median is one of them. */
    static final int TRANSFERS = 5;
    /**
     * Transfers before the measured ones, discarded: they warm up the link and the JIT compiler. With one, a flight
     * recording of the channel's peers showed AES-GCM still in its plain Java form through most of the measured
     * transfers (the optimised compilation with the processor's AES and carry-less multiply instructions came at
     * their end), so the channel's rows measured code not yet compiled; five leave it compiled before the first
     * measured byte.
     */
    static final int WARM_UP_TRANSFERS = 5;
    static final int PING_WARM_UP = 2_000;
    static final int PINGS = 5_000;
    private static final int CHUNK = 64 * 1024;
    private static final double BYTES_PER_MEGABYTE = 1e6;

    private LinkWorkload() {
    }

    /** The client's side: runs everything and returns the RESULT line. */
    static String measure(InputStream in, OutputStream out) throws IOException {
        byte[] chunk = new byte[CHUNK];
        Samples transfers = new Samples();
        ProcessCpu cpuStart = null;
        for (int transfer = 0; transfer < WARM_UP_TRANSFERS + TRANSFERS; transfer++) {
            if (transfer == WARM_UP_TRANSFERS) {
                cpuStart = ProcessCpu.now();
            }
            long start = System.nanoTime();
            for (int sent = 0; sent < TRANSFER_BYTES; sent += CHUNK) {
                out.write(chunk);
            }
            out.flush();
            readOne(in);
            if (transfer >= WARM_UP_TRANSFERS) {
                transfers.add(System.nanoTime() - start);
            }
        }
        ProcessCpu cpu = ProcessCpu.now().since(cpuStart);
        Samples rtts = new Samples();
        for (int ping = 0; ping < PING_WARM_UP + PINGS; ping++) {
            long start = System.nanoTime();
            out.write(ping & 0x7F);
            out.flush();
            if (readOne(in) != (ping & 0x7F)) {
                throw new IOException("ping " + ping + " came back changed");
            }
            if (ping >= PING_WARM_UP) {
                rtts.add(System.nanoTime() - start);
            }
        }
        double megabytesPerSecond = TRANSFER_BYTES / BYTES_PER_MEGABYTE / (transfers.medianMillis() / 1000);
        return String.format(Locale.ROOT, "%s %.1f %.1f %.1f %s", RESULT, megabytesPerSecond,
                rtts.medianMillis() * 1000, rtts.quantileMillis(0.99) * 1000, cpu);
    }

    /**
     * The server's side: reads each transfer whole and acknowledges it, then echoes every ping.
     *
     * @return the CPU time its process spent on the measured transfers
     */
    static ProcessCpu answer(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[CHUNK];
        ProcessCpu cpuStart = null;
        for (int transfer = 0; transfer < WARM_UP_TRANSFERS + TRANSFERS; transfer++) {
            if (transfer == WARM_UP_TRANSFERS) {
                cpuStart = ProcessCpu.now();
            }
            long received = 0;
            while (received < TRANSFER_BYTES) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, TRANSFER_BYTES - received));
                if (n < 0) {
                    throw new EOFException("the link ended after " + received + " bytes of transfer " + transfer);
                }
                received += n;
            }
            out.write(1);
            out.flush();
        }
        ProcessCpu cpu = ProcessCpu.now().since(cpuStart);
        for (int ping = 0; ping < PING_WARM_UP + PINGS; ping++) {
            out.write(readOne(in));
            out.flush();
        }
        return cpu;
    }

    private static int readOne(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the link ended");
        }
        return b;
    }
}
