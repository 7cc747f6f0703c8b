package im.tandem.it.ice;

import im.tandem.ice.session.CandidateType;
import im.tandem.ice.session.IceCandidate;

/**
 * The line format two {@link IcePeer}s use to exchange what Jingle would carry, through the test process's pipes:
 * {@code CREDENTIALS ufrag pwd}, {@code FINGERPRINT sha-256 hex}, {@code CANDIDATE fields…}, {@code END}.
 */
public final class SignalLine {

    public static final String CREDENTIALS = "CREDENTIALS";
    public static final String FINGERPRINT = "FINGERPRINT";
    public static final String CANDIDATE = "CANDIDATE";
    public static final String END = "END";
    /** Marks "none" for the optional related address. */
    private static final String NONE = "-";

    private SignalLine() {
    }

    /** Whether {@code line} belongs to a description, as opposed to a peer's report. */
    public static boolean isSignalling(String line) {
        String first = line.split(" ", 2)[0];
        return first.equals(CREDENTIALS) || first.equals(FINGERPRINT) || first.equals(CANDIDATE) || first.equals(END);
    }

    static String candidate(IceCandidate c) {
        return String.join(" ", CANDIDATE, c.foundation(), Integer.toString(c.component()), c.protocol(),
                Long.toString(c.priority()), c.ip(), Integer.toString(c.port()), c.type().wireName(),
                c.relatedAddress() == null ? NONE : c.relatedAddress(), Integer.toString(c.relatedPort()),
                Integer.toString(c.generation()));
    }

    static IceCandidate parseCandidate(String[] f) {
        if (f.length != 11) {
            throw new IllegalArgumentException("a CANDIDATE line has 10 fields, got " + (f.length - 1));
        }
        return new IceCandidate(f[1], Integer.parseInt(f[2]), f[3], Long.parseLong(f[4]), f[5],
                Integer.parseInt(f[6]), CandidateType.fromWireName(f[7]), NONE.equals(f[8]) ? null : f[8],
                Integer.parseInt(f[9]), Integer.parseInt(f[10]));
    }
}
