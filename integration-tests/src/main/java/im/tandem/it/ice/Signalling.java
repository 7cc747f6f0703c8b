package im.tandem.it.ice;

import im.tandem.ice.channel.Fingerprint;
import im.tandem.ice.session.IceCandidate;
import im.tandem.ice.session.IceSession;
import im.tandem.ice.session.LocalDescription;
import im.tandem.it.lab.PeerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signalling that Jingle would carry between two lab peers, in {@link SignalLine}s over their standard streams:
 * each peer prints its own description and reads the other's, and the test process carries them across
 * ({@link #relay}). Peers without ICE (a channel on a plain UDP socket) exchange just their fingerprints the same
 * way.
 */
public final class Signalling {

    private Signalling() {
    }

    /** Prints our credentials, fingerprint and candidates, then END. */
    public static void describe(IceSession session, Fingerprint fingerprint, PrintStream out) {
        LocalDescription local = session.localDescription();
        out.println(SignalLine.CREDENTIALS + " " + local.ufrag() + " " + local.password());
        out.println(fingerprintLine(fingerprint));
        local.candidates().forEach(candidate -> out.println(SignalLine.candidate(candidate)));
        out.println(SignalLine.END);
    }

    /** Prints only our fingerprint, then END. */
    public static void describe(Fingerprint fingerprint, PrintStream out) {
        out.println(fingerprintLine(fingerprint));
        out.println(SignalLine.END);
    }

    /**
     * Reads the peer's description up to END, gives its credentials and candidates to the session, and returns
     * the fingerprint it carried.
     */
    public static Fingerprint accept(IceSession session, BufferedReader in) throws IOException {
        return read(Optional.of(session), in);
    }

    /** Reads a description that carries only a fingerprint, up to END, and returns the fingerprint. */
    public static Fingerprint accept(BufferedReader in) throws IOException {
        return read(Optional.empty(), in);
    }

    /**
     * Copies one peer's description, up to END, to the other peer, as the XMPP server would carry it.
     *
     * @throws IllegalStateException when {@code from} reports a failure or does not finish its description in time
     */
    public static void relay(PeerProcess from, PeerProcess to, Duration timeout) throws InterruptedException {
        String line;
        do {
            line = from.await(SignalLine::isSignalling, "signalling line", timeout);
            to.send(line);
        } while (!line.equals(SignalLine.END));
    }

    private static Fingerprint read(Optional<IceSession> session, BufferedReader in) throws IOException {
        Fingerprint peer = null;
        List<IceCandidate> candidates = new ArrayList<>();
        for (String line = in.readLine(); !SignalLine.END.equals(line); line = in.readLine()) {
            if (line == null) {
                throw new IOException("signalling ended before " + SignalLine.END);
            }
            String[] f = line.split(" ");
            switch (f[0]) {
                case SignalLine.FINGERPRINT -> peer = Fingerprint.parse(f[1], f[2]);
                case SignalLine.CREDENTIALS -> {
                    if (session.isEmpty()) {
                        throw unexpected(line);
                    }
                    session.get().setRemoteCredentials(f[1], f[2]);
                }
                case SignalLine.CANDIDATE -> candidates.add(SignalLine.parseCandidate(f));
                default -> throw unexpected(line);
            }
        }
        if (peer == null) {
            throw new IOException("the peer's description carried no " + SignalLine.FINGERPRINT);
        }
        if (session.isPresent()) {
            // Candidates are added only now: the session needs the credentials first, wherever they came.
            candidates.forEach(session.get()::addRemoteCandidate);
            session.get().endOfRemoteCandidates();
        } else if (!candidates.isEmpty()) {
            throw new IOException("ICE candidates for a peer without ICE");
        }
        return peer;
    }

    private static String fingerprintLine(Fingerprint fingerprint) {
        return SignalLine.FINGERPRINT + " " + fingerprint.algorithm() + " " + fingerprint.value();
    }

    private static IllegalArgumentException unexpected(String line) {
        return new IllegalArgumentException("unexpected signalling line: " + line);
    }
}
