package im.tandem.ice.nat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static im.tandem.ice.nat.FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT;
import static im.tandem.ice.nat.FilteringBehavior.ADDRESS_DEPENDENT;
import static im.tandem.ice.nat.FilteringBehavior.ENDPOINT_INDEPENDENT;
import static org.assertj.core.api.Assertions.assertThat;

class NatClassifierTest {
    private static final InetSocketAddress LOCAL = address("10.0.0.2", 5000);
    private static final InetSocketAddress MAPPED = address("203.0.113.5", 6000);
    private static final InetSocketAddress MAPPED_2 = address("203.0.113.5", 6001);
    private static final InetSocketAddress MAPPED_3 = address("203.0.113.5", 6002);
    private static final Optional<InetSocketAddress> OTHER = Optional.of(address("198.51.100.2", 3479));

    private static final ProbeResult NO_ANSWER = ProbeResult.failed(ProbeStatus.NO_ANSWER, "silence");
    private static final ProbeResult REJECTED = ProbeResult.failed(ProbeStatus.REJECTED, "error 420");
    private static final ProbeResult WRONG_SOURCE = ProbeResult.failed(ProbeStatus.WRONG_SOURCE, "from elsewhere");
    private static final ProbeResult NOT_SENT = ProbeResult.notSent("skipped");

    static Stream<Arguments> decisionTable() {
        return Stream.of(
                row("open internet", at(LOCAL), OTHER, NOT_SENT, NOT_SENT, at(LOCAL), at(LOCAL), NO_ANSWER,
                        Optional.of(NatType.OPEN_INTERNET), MappingBehavior.NO_NAT, ENDPOINT_INDEPENDENT),
                row("firewall, address-dependent", at(LOCAL), OTHER, NOT_SENT, NOT_SENT, at(LOCAL), NO_ANSWER,
                        at(LOCAL), Optional.of(NatType.SYMMETRIC_UDP_FIREWALL), MappingBehavior.NO_NAT, ADDRESS_DEPENDENT),
                row("firewall, port-dependent", at(LOCAL), OTHER, NOT_SENT, NOT_SENT, at(LOCAL), NO_ANSWER, NO_ANSWER,
                        Optional.of(NatType.SYMMETRIC_UDP_FIREWALL), MappingBehavior.NO_NAT, ADDRESS_AND_PORT_DEPENDENT),
                row("full cone", at(MAPPED), OTHER, at(MAPPED), at(MAPPED), at(MAPPED_2), at(MAPPED_2), NO_ANSWER,
                        Optional.of(NatType.FULL_CONE), MappingBehavior.ENDPOINT_INDEPENDENT, ENDPOINT_INDEPENDENT),
                row("restricted cone", at(MAPPED), OTHER, at(MAPPED), at(MAPPED), at(MAPPED_2), NO_ANSWER,
                        at(MAPPED_2), Optional.of(NatType.RESTRICTED_CONE), MappingBehavior.ENDPOINT_INDEPENDENT,
                        ADDRESS_DEPENDENT),
                row("port restricted cone", at(MAPPED), OTHER, at(MAPPED), at(MAPPED), at(MAPPED_2), NO_ANSWER,
                        NO_ANSWER, Optional.of(NatType.PORT_RESTRICTED_CONE), MappingBehavior.ENDPOINT_INDEPENDENT,
                        ADDRESS_AND_PORT_DEPENDENT),
                row("symmetric, address-dependent mapping", at(MAPPED), OTHER, at(MAPPED_2), at(MAPPED_2),
                        at(MAPPED_3), NO_ANSWER, NO_ANSWER, Optional.of(NatType.SYMMETRIC),
                        MappingBehavior.ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT),
                row("symmetric, address-and-port-dependent mapping", at(MAPPED), OTHER, at(MAPPED_2), at(MAPPED_3),
                        at(MAPPED), NO_ANSWER, NO_ANSWER, Optional.of(NatType.SYMMETRIC),
                        MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT),
                row("udp blocked", NO_ANSWER, Optional.empty(), NOT_SENT, NOT_SENT, NO_ANSWER, NOT_SENT, NOT_SENT,
                        Optional.of(NatType.UDP_BLOCKED), MappingBehavior.UNKNOWN, FilteringBehavior.UNKNOWN),
                row("single-address server, no NAT", at(LOCAL), Optional.empty(), NOT_SENT, NOT_SENT, at(LOCAL),
                        NOT_SENT, NOT_SENT, Optional.empty(), MappingBehavior.NO_NAT, FilteringBehavior.UNKNOWN),
                row("single-address server behind a NAT", at(MAPPED), Optional.empty(), NOT_SENT, NOT_SENT,
                        at(MAPPED_2), NOT_SENT, NOT_SENT, Optional.empty(), MappingBehavior.UNKNOWN,
                        FilteringBehavior.UNKNOWN),
                row("server ignores CHANGE-REQUEST", at(LOCAL), OTHER, NOT_SENT, NOT_SENT, at(LOCAL), WRONG_SOURCE,
                        WRONG_SOURCE, Optional.empty(), MappingBehavior.NO_NAT, FilteringBehavior.UNKNOWN),
                row("server rejects the first request", REJECTED, Optional.empty(), NOT_SENT, NOT_SENT, REJECTED,
                        NOT_SENT, NOT_SENT, Optional.empty(), MappingBehavior.UNKNOWN, FilteringBehavior.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionTable")
    void classifiesTheCanonicalCases(String name, Observations observations, Optional<NatType> type,
                                     MappingBehavior mapping, FilteringBehavior filtering) {
        Classification c = NatClassifier.classify(observations);

        assertThat(c.natType()).isEqualTo(type);
        assertThat(c.mapping()).isEqualTo(mapping);
        assertThat(c.filtering()).isEqualTo(filtering);
        assertThat(c.reason().isPresent()).isEqualTo(isIncomplete(c));
    }

    @Test
    void reasonsExplainWhatIsMissing() {
        Classification single = NatClassifier.classify(observations(at(LOCAL), Optional.empty(), NOT_SENT, NOT_SENT,
                at(LOCAL), NOT_SENT, NOT_SENT));
        Classification ignoresChange = NatClassifier.classify(observations(at(MAPPED), OTHER, at(MAPPED), at(MAPPED),
                at(MAPPED_2), WRONG_SOURCE, NO_ANSWER));

        assertThat(single.reason()).hasValueSatisfying(r -> assertThat(r).contains("OTHER-ADDRESS", "single-address"));
        assertThat(ignoresChange.reason()).hasValueSatisfying(r -> assertThat(r)
                .contains("does not seem to honour CHANGE-REQUEST", "from elsewhere"));
    }

    /** Every combination of probe outcomes: the classifier never fails and its answers are never contradictory. */
    @Test
    void everyCombinationOfOutcomesGivesAConsistentAnswer() {
        List<ProbeResult> firsts = List.of(NO_ANSWER, REJECTED, WRONG_SOURCE, at(LOCAL), at(MAPPED));
        List<ProbeResult> mappings = List.of(NO_ANSWER, REJECTED, WRONG_SOURCE, NOT_SENT, at(MAPPED), at(MAPPED_2),
                at(MAPPED_3));
        List<ProbeResult> filters = List.of(NO_ANSWER, REJECTED, WRONG_SOURCE, NOT_SENT, at(MAPPED_2));
        int combinations = 0;
        EnumSet<NatType> seen = EnumSet.noneOf(NatType.class);
        for (ProbeResult first : firsts) {
            for (Optional<InetSocketAddress> other : List.of(OTHER, Optional.<InetSocketAddress>empty())) {
                for (ProbeResult alternateIp : mappings) {
                    for (ProbeResult otherMapping : mappings) {
                        for (ProbeResult primer : filters) {
                            for (ProbeResult changeBoth : filters) {
                                for (ProbeResult changePort : filters) {
                                    Observations o = observations(first, other, alternateIp, otherMapping, primer,
                                            changeBoth, changePort);
                                    Classification c = NatClassifier.classify(o);
                                    assertConsistent(o, c);
                                    c.natType().ifPresent(seen::add);
                                    combinations++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(5 * 2 * 7 * 7 * 5 * 5 * 5);
        assertThat(seen).containsExactlyInAnyOrder(NatType.values());
    }

    private static void assertConsistent(Observations o, Classification c) {
        String context = o.toString();
        assertThat(c.reason().isPresent()).as(context).isEqualTo(isIncomplete(c));
        assertThat(c.natType().equals(Optional.of(NatType.UDP_BLOCKED))).as(context)
                .isEqualTo(o.first().status() == ProbeStatus.NO_ANSWER);
        assertThat(c.mapping() == MappingBehavior.NO_NAT).as(context)
                .isEqualTo(o.first().mapped().filter(LOCAL::equals).isPresent());
        if (!o.first().isAnswered() || o.otherAddress().isEmpty()) {
            assertThat(c.natType().filter(t -> t != NatType.UDP_BLOCKED)).as(context).isEmpty();
            assertThat(c.filtering()).as(context).isEqualTo(FilteringBehavior.UNKNOWN);
        }
        if (!o.filterPrimer().isAnswered()) {
            assertThat(c.filtering()).as(context).isEqualTo(FilteringBehavior.UNKNOWN);
        }
        c.natType().ifPresent(type -> {
            switch (type) {
                case OPEN_INTERNET -> {
                    assertThat(c.mapping()).as(context).isEqualTo(MappingBehavior.NO_NAT);
                    assertThat(c.filtering()).as(context).isEqualTo(ENDPOINT_INDEPENDENT);
                }
                case SYMMETRIC_UDP_FIREWALL -> {
                    assertThat(c.mapping()).as(context).isEqualTo(MappingBehavior.NO_NAT);
                    assertThat(c.filtering()).as(context).isNotEqualTo(ENDPOINT_INDEPENDENT);
                }
                case FULL_CONE -> assertThat(c.filtering()).as(context).isEqualTo(ENDPOINT_INDEPENDENT);
                case RESTRICTED_CONE -> assertThat(c.filtering()).as(context).isEqualTo(ADDRESS_DEPENDENT);
                case PORT_RESTRICTED_CONE -> assertThat(c.filtering()).as(context).isEqualTo(ADDRESS_AND_PORT_DEPENDENT);
                case SYMMETRIC -> {
                    assertThat(c.mapping()).as(context).isNotEqualTo(MappingBehavior.NO_NAT);
                    assertThat(o.mappingOther().mapped()).as(context).isPresent().isNotEqualTo(o.first().mapped());
                }
                case UDP_BLOCKED -> assertThat(c.mapping()).as(context).isEqualTo(MappingBehavior.UNKNOWN);
            }
        });
    }

    /** A result needs a reason exactly when something in it is not determined (or nothing answered at all). */
    private static boolean isIncomplete(Classification c) {
        return c.natType().isEmpty() || c.natType().equals(Optional.of(NatType.UDP_BLOCKED))
                || c.mapping() == MappingBehavior.UNKNOWN || c.filtering() == FilteringBehavior.UNKNOWN;
    }

    private static Arguments row(String name, ProbeResult first, Optional<InetSocketAddress> other,
                                 ProbeResult alternateIp, ProbeResult otherMapping, ProbeResult primer,
                                 ProbeResult changeBoth, ProbeResult changePort, Optional<NatType> type,
                                 MappingBehavior mapping, FilteringBehavior filtering) {
        return Arguments.of(name, observations(first, other, alternateIp, otherMapping, primer, changeBoth, changePort),
                type, mapping, filtering);
    }

    private static Observations observations(ProbeResult first, Optional<InetSocketAddress> other,
                                             ProbeResult alternateIp, ProbeResult otherMapping, ProbeResult primer,
                                             ProbeResult changeBoth, ProbeResult changePort) {
        return new Observations(LOCAL, first, other, alternateIp, otherMapping, primer, changeBoth, changePort);
    }

    private static ProbeResult at(InetSocketAddress mapped) {
        return ProbeResult.answered(mapped, Optional.empty());
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
