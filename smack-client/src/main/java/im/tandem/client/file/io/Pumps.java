package im.tandem.client.file.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Moves a file's bytes between the disk and a transport, counting them. */
public final class Pumps {
    /** 64 KiB: large enough that per-call costs vanish, small enough that progress moves smoothly. */
    public static final int BUFFER_SIZE = 64 * 1024;

    private Pumps() {
    }

    /**
     * Copies the whole file to {@code out} and flushes it, so that every byte is on its way. Closing is the
     * caller's: a receiver that has every byte may close its end first, which only the close would notice.
     */
    public static void send(Path file, OutputStream out, ProgressMeter meter) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                meter.add(n);
            }
        }
        out.flush();
        meter.finish();
    }

    /**
     * Reads exactly {@code size} bytes into {@code target}, hashing them on the way. Reads nothing beyond: the
     * sender may keep the stream open until the session ends.
     *
     * @throws EOFException when the stream ends early
     */
    public static void receive(InputStream in, long size, OutputStream target, FileDigests digests,
            ProgressMeter meter) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("the stream ended after " + (size - remaining) + " of " + size + " bytes");
            }
            target.write(buffer, 0, n);
            digests.update(buffer, 0, n);
            meter.add(n);
            remaining -= n;
        }
        digests.finish();
        meter.finish();
    }
}
