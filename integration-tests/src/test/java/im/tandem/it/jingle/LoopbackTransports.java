package im.tandem.it.jingle;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;
import im.tandem.client.jingle.element.IceCredentials;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpCandidateType;
import im.tandem.client.jingle.element.IceUdpTransport;

/**
 * ICE-UDP transports for signalling tests. The candidates name loopback addresses only: these tests exchange
 * them through the server but never send a packet to them.
 */
final class LoopbackTransports {
    /** Makes a 26-character ICE password out of any 4-character user fragment. */
    private static final String PASSWORD_SUFFIX = "0123456789abcdefghijkl";

    private LoopbackTransports() {
    }

    /** A full offer or answer: credentials, fingerprint and one host candidate on {@code port}. */
    static IceUdpTransport offer(String ufrag, int port, DtlsSetup setup) {
        return IceUdpTransport.builder()
                .credentials(new IceCredentials(ufrag, ufrag + PASSWORD_SUFFIX))
                .fingerprint(new DtlsFingerprint("sha-256", setup, fingerprintHex(port)))
                .candidate(host(port, "1"))
                .build();
    }

    /** Further candidates, as trickled in transport-info. */
    static IceUdpTransport trickle(String ufrag, int port) {
        return IceUdpTransport.builder()
                .credentials(new IceCredentials(ufrag, ufrag + PASSWORD_SUFFIX))
                .candidate(host(port, "2"))
                .build();
    }

    private static IceUdpCandidate host(int port, String foundation) {
        return IceUdpCandidate.builder().component(1).foundation(foundation).id("c" + port).ip("127.0.0.1")
                .port(port).priority(2130706431L - port).type(IceUdpCandidateType.HOST).build();
    }

    /** A made-up SHA-256 value that differs per port, so each side's fingerprint is recognisable. */
    private static String fingerprintHex(int port) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            hex.append(i == 0 ? "" : ":").append(String.format("%02X", (port + i) & 0xFF));
        }
        return hex.toString();
    }
}
