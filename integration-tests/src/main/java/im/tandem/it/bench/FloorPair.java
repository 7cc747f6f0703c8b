package im.tandem.it.bench;

import java.io.IOException;
import java.net.URI;

/**
 * Two floor pages of one kind ({@link FloorPeer}), mutual contacts: the first sends and times, the second answers each
 * message with its text at once.
 */
final class FloorPair implements AutoCloseable {
    private final FloorPeer timing;
    private final FloorPeer answering;

    private FloorPair(FloorPeer timing, FloorPeer answering) {
        this.timing = timing;
        this.answering = answering;
    }

    /**
     * Logs the two accounts in on the web chat's {@code page}, {@code domain} completing each name ("@example.org"),
     * and has the second answer the first.
     */
    static FloorPair logIn(FloorPeer.Kind kind, URI page, String domain, String first, String firstPassword,
                           String second, String secondPassword) throws IOException {
        FloorPeer timing = FloorPeer.logIn(kind, page, first + domain, firstPassword, second + domain);
        try {
            FloorPeer answering = FloorPeer.logIn(kind, page, second + domain, secondPassword, first + domain);
            answering.echo();
            return new FloorPair(timing, answering);
        } catch (IOException | RuntimeException e) {
            timing.close();
            throw e;
        }
    }

    /** Runs {@code count} round trips, adding each to {@code samples}. */
    void measure(int count, Samples samples) {
        timing.measure(count, samples);
    }

    @Override
    public void close() {
        try (answering) {
            timing.close();
        }
    }
}
