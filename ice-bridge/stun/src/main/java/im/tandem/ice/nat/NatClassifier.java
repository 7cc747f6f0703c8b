package im.tandem.ice.nat;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Pure function from {@link Observations} to {@link Classification}: the RFC 3489 decision tree for the classic
 * type and the RFC 5780 tests for mapping and filtering behaviour. No I/O, so it can be tested exhaustively.
 */
public final class NatClassifier {
    private NatClassifier() {
    }

    public static Classification classify(Observations o) {
        ProbeResult first = o.first();
        if (first.status() == ProbeStatus.NO_ANSWER) {
            return new Classification(Optional.of(NatType.UDP_BLOCKED), MappingBehavior.UNKNOWN,
                    FilteringBehavior.UNKNOWN, Optional.of("no answer from the STUN server: " + first.detail()));
        }
        if (!first.isAnswered()) {
            return new Classification(Optional.empty(), MappingBehavior.UNKNOWN, FilteringBehavior.UNKNOWN,
                    Optional.of("the first Binding request failed: " + describe(first)));
        }
        InetSocketAddress firstMapped = first.mapped().orElseThrow();
        boolean natPresent = !firstMapped.equals(o.local());
        Set<String> reasons = new LinkedHashSet<>();
        if (o.otherAddress().isEmpty()) {
            reasons.add("the server gave no usable alternate address (OTHER-ADDRESS or CHANGED-ADDRESS), as a "
                    + "single-address server does, so filtering and mapping towards a second address cannot be tested");
            return new Classification(Optional.empty(),
                    natPresent ? MappingBehavior.UNKNOWN : MappingBehavior.NO_NAT, FilteringBehavior.UNKNOWN,
                    joined(reasons));
        }
        MappingBehavior mapping = mapping(o, firstMapped, natPresent, reasons);
        Optional<Boolean> changeBothPassed = filterPassed(o, o.filterChangeBoth(), "change IP and port", reasons);
        FilteringBehavior filtering = filtering(o, changeBothPassed, reasons);
        Optional<NatType> type = classicType(o, firstMapped, natPresent, changeBothPassed, reasons);
        return new Classification(type, mapping, filtering, joined(reasons));
    }

    private static MappingBehavior mapping(Observations o, InetSocketAddress firstMapped, boolean natPresent,
                                           Set<String> reasons) {
        if (!natPresent) {
            return MappingBehavior.NO_NAT;
        }
        ProbeResult alternateIp = o.mappingAlternateIp();
        if (!alternateIp.isAnswered()) {
            reasons.add("mapping test to the alternate IP: " + describe(alternateIp));
            return MappingBehavior.UNKNOWN;
        }
        if (alternateIp.mapped().orElseThrow().equals(firstMapped)) {
            return MappingBehavior.ENDPOINT_INDEPENDENT;
        }
        ProbeResult other = o.mappingOther();
        if (!other.isAnswered()) {
            reasons.add("mapping test to the alternate IP and port: " + describe(other));
            return MappingBehavior.UNKNOWN;
        }
        return other.mapped().equals(alternateIp.mapped())
                ? MappingBehavior.ADDRESS_DEPENDENT
                : MappingBehavior.ADDRESS_AND_PORT_DEPENDENT;
    }

    private static FilteringBehavior filtering(Observations o, Optional<Boolean> changeBothPassed,
                                               Set<String> reasons) {
        if (changeBothPassed.isEmpty()) {
            return FilteringBehavior.UNKNOWN;
        }
        if (changeBothPassed.get()) {
            return FilteringBehavior.ENDPOINT_INDEPENDENT;
        }
        return filterPassed(o, o.filterChangePort(), "change port", reasons)
                .map(portPassed -> portPassed
                        ? FilteringBehavior.ADDRESS_DEPENDENT
                        : FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)
                .orElse(FilteringBehavior.UNKNOWN);
    }

    /** RFC 3489 section 10.1, figure 2. */
    private static Optional<NatType> classicType(Observations o, InetSocketAddress firstMapped, boolean natPresent,
                                                 Optional<Boolean> changeBothPassed, Set<String> reasons) {
        if (changeBothPassed.isEmpty()) {
            return Optional.empty();
        }
        if (!natPresent) {
            return Optional.of(changeBothPassed.get() ? NatType.OPEN_INTERNET : NatType.SYMMETRIC_UDP_FIREWALL);
        }
        if (changeBothPassed.get()) {
            return Optional.of(NatType.FULL_CONE);
        }
        ProbeResult other = o.mappingOther();
        if (!other.isAnswered()) {
            reasons.add("mapping test to the alternate IP and port: " + describe(other));
            return Optional.empty();
        }
        if (!other.mapped().orElseThrow().equals(firstMapped)) {
            return Optional.of(NatType.SYMMETRIC);
        }
        return filterPassed(o, o.filterChangePort(), "change port", reasons)
                .map(portPassed -> portPassed ? NatType.RESTRICTED_CONE : NatType.PORT_RESTRICTED_CONE);
    }

    /**
     * Whether an answer sent from a changed address got through: present only when the test was meaningful,
     * i.e. the filtering socket's own mapping was confirmed and the server either answered correctly or not at all.
     */
    private static Optional<Boolean> filterPassed(Observations o, ProbeResult test, String name, Set<String> reasons) {
        if (!o.filterPrimer().isAnswered()) {
            reasons.add("filtering tests: the second local socket got no answer of its own: "
                    + describe(o.filterPrimer()));
            return Optional.empty();
        }
        switch (test.status()) {
            case ANSWERED:
                return Optional.of(true);
            case NO_ANSWER:
                return Optional.of(false);
            default:
                reasons.add("filtering test (" + name + "): " + describe(test)
                        + "; the server does not seem to honour CHANGE-REQUEST");
                return Optional.empty();
        }
    }

    private static String describe(ProbeResult probe) {
        String status = probe.status().name().toLowerCase().replace('_', ' ');
        return probe.detail().isEmpty() ? status : status + " (" + probe.detail() + ")";
    }

    private static Optional<String> joined(Set<String> reasons) {
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }
}
