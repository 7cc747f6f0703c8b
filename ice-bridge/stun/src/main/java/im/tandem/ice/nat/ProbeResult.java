package im.tandem.ice.nat;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The outcome of one Binding request.
 *
 * @param mapped       the reflexive address, when {@link ProbeStatus#ANSWERED}
 * @param otherAddress OTHER-ADDRESS or CHANGED-ADDRESS from the answer, if the server sent one
 * @param detail       a human explanation for anything but a plain answer (empty otherwise)
 */
public record ProbeResult(ProbeStatus status, Optional<InetSocketAddress> mapped,
                          Optional<InetSocketAddress> otherAddress, String detail) {

    public ProbeResult {
        if (status == null || mapped == null || otherAddress == null || detail == null) {
            throw new IllegalArgumentException("all ProbeResult fields are required");
        }
        if ((status == ProbeStatus.ANSWERED) != mapped.isPresent()) {
            throw new IllegalArgumentException("a mapped address is present exactly when the probe was answered");
        }
    }

    public static ProbeResult answered(InetSocketAddress mapped, Optional<InetSocketAddress> otherAddress) {
        return new ProbeResult(ProbeStatus.ANSWERED, Optional.of(mapped), otherAddress, "");
    }

    public static ProbeResult failed(ProbeStatus status, String detail) {
        return new ProbeResult(status, Optional.empty(), Optional.empty(), detail);
    }

    public static ProbeResult notSent(String why) {
        return failed(ProbeStatus.NOT_SENT, why);
    }

    public boolean isAnswered() {
        return status == ProbeStatus.ANSWERED;
    }
}
