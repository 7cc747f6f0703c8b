package im.tandem.ice.nat;

import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import im.tandem.ice.vnet.FilteringRule;
import im.tandem.ice.vnet.MappingRule;
import im.tandem.ice.vnet.NatBehaviour;
import im.tandem.ice.vnet.VirtualClock;
import im.tandem.ice.vnet.VirtualHost;
import im.tandem.ice.vnet.VirtualNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link NatDiscovery} against the real {@link StunServer}, behind every kind of NAT the namespace lab
 * emulates (with the lab's expectations, see {@code NatDiscoveryMatrixTest}) and a few it does not, on the
 * simulated network: no root, no sockets, no threads, and the retransmission timeouts cost virtual time only.
 */
class NatDiscoveryOnVirtualNetworkTest {
    private static final int STUN_PORT = 3478;
    private static final String STUN_PRIMARY = "198.18.0.10";
    private static final String STUN_ALTERNATE = "198.18.0.11";
    private static final String NAT_PUBLIC = "198.18.1.1";
    private static final String PUBLIC_CLIENT = "198.18.1.2";
    private static final String PRIVATE_CLIENT = "10.0.0.2";
    /** Virtual time a discovery may take before the test calls it stuck: the blocked case needs 2.5 s. */
    private static final Duration DISCOVERY_LIMIT = Duration.ofSeconds(10);
    private static final Duration ROUND_TRIP = VirtualNetwork.DEFAULT_LINK_DELAY.multipliedBy(2);

    private VirtualClock clock;
    private VirtualNetwork internet;
    private InetSocketAddress stun;

    @BeforeEach
    void stunServerOnTheInternet() throws IOException {
        clock = new VirtualClock();
        internet = new VirtualNetwork(clock);
        VirtualHost stunHost = internet.addHost(STUN_PRIMARY, STUN_ALTERNATE);
        StunServer server = new StunServer(StunServerConfig.builder().primaryAddress(stunHost.addresses().get(0))
                .primaryPort(STUN_PORT).alternateAddress(stunHost.addresses().get(1)).build(),
                stunHost, clock::nanoTime);
        server.start();
        stun = new InetSocketAddress(stunHost.address(), STUN_PORT);
    }

    /**
     * One row per router: what discovery must report, and when. Every test answered ends the run after two round
     * trips; a filter that drops a change test makes it wait out that probe's budget after the first round trip.
     */
    static Stream<Arguments> everyKindOfNat() {
        Duration allAnswered = ROUND_TRIP.multipliedBy(2);
        Duration oneFiltered = ROUND_TRIP.plus(RetransmissionSchedule.FOLLOW_UP.budget());
        return Stream.of(
                row("no NAT", null, NatType.OPEN_INTERNET, MappingBehavior.NO_NAT,
                        FilteringBehavior.ENDPOINT_INDEPENDENT, allAnswered),
                row("full cone", NatBehaviour.FULL_CONE, NatType.FULL_CONE, MappingBehavior.ENDPOINT_INDEPENDENT,
                        FilteringBehavior.ENDPOINT_INDEPENDENT, allAnswered),
                row("restricted cone", NatBehaviour.RESTRICTED_CONE, NatType.RESTRICTED_CONE,
                        MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_DEPENDENT, oneFiltered),
                row("port-restricted cone", NatBehaviour.PORT_RESTRICTED_CONE, NatType.PORT_RESTRICTED_CONE,
                        MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT,
                        oneFiltered),
                row("symmetric", NatBehaviour.SYMMETRIC, NatType.SYMMETRIC,
                        MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT,
                        oneFiltered),
                // Not among the lab's routers: rule combinations only the simulation builds.
                row("address-dependent mapping", NatBehaviour.forwarding(MappingRule.ADDRESS_DEPENDENT,
                                FilteringRule.ADDRESS_AND_PORT_DEPENDENT), NatType.SYMMETRIC,
                        MappingBehavior.ADDRESS_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT, oneFiltered),
                row("address-dependent filtering on a symmetric mapping", NatBehaviour.forwarding(
                                MappingRule.ADDRESS_AND_PORT_DEPENDENT, FilteringRule.ADDRESS_DEPENDENT),
                        NatType.SYMMETRIC, MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                        FilteringBehavior.ADDRESS_DEPENDENT, oneFiltered));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKindOfNat")
    void discoveryNamesTheNat(String name, NatBehaviour behaviour, NatType type, MappingBehavior mapping,
                              FilteringBehavior filtering, Duration elapsed) throws IOException {
        VirtualHost client = behaviour == null
                ? internet.addHost(PUBLIC_CLIENT)
                : internet.addNat(NAT_PUBLIC, behaviour).addHost(PRIVATE_CLIENT);
        InetAddress publicAddress = InetAddress.getByName(behaviour == null ? PUBLIC_CLIENT : NAT_PUBLIC);

        NatDiscoveryResult result = discoverFrom(client);

        assertThat(result.natType()).as(result.toJson()).contains(type);
        assertThat(result.mapping()).as(result.toJson()).isEqualTo(mapping);
        assertThat(result.filtering()).as(result.toJson()).isEqualTo(filtering);
        assertThat(result.mappedAddress()).as(result.toJson())
                .hasValueSatisfying(mapped -> assertThat(mapped.getAddress()).isEqualTo(publicAddress));
        assertThat(result.reason()).as("everything determined, so no reason: " + result.toJson()).isEmpty();
        assertThat(result.elapsed()).as(result.toJson()).isEqualTo(elapsed);
        assertThat(clock.pending()).as("retransmissions and timeouts cancelled once answered").isZero();
    }

    @Test
    void udpBlockedIsReportedWhenTheFirstProbesBudgetRunsOutInVirtualTime() throws IOException {
        VirtualHost client = internet.addNat(NAT_PUBLIC, NatBehaviour.UDP_BLOCKED).addHost(PRIVATE_CLIENT);
        long wallStart = System.nanoTime();

        NatDiscoveryResult result = discoverFrom(client);

        assertThat(result.natType()).as(result.toJson()).contains(NatType.UDP_BLOCKED);
        assertThat(result.mapping()).isEqualTo(MappingBehavior.UNKNOWN);
        assertThat(result.filtering()).isEqualTo(FilteringBehavior.UNKNOWN);
        assertThat(result.mappedAddress()).isEmpty();
        assertThat(result.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("no answer"));
        assertThat(result.elapsed()).isEqualTo(RetransmissionSchedule.FIRST_PROBE.budget());
        // Real waiting would take the whole 2.5 s budget; the manual clock makes it free.
        assertThat(Duration.ofNanos(System.nanoTime() - wallStart))
                .isLessThan(RetransmissionSchedule.FIRST_PROBE.budget());
    }

    @Test
    void lostRequestsAreRetransmittedOnTheSchedule() throws IOException {
        VirtualHost client = internet.addNat(NAT_PUBLIC, NatBehaviour.FULL_CONE).addHost(PRIVATE_CLIENT);
        // The mapping socket's and the filtering socket's first requests: both are sent again at 100 ms.
        internet.loseNext(2);

        NatDiscoveryResult result = discoverFrom(client);

        assertThat(result.natType()).as(result.toJson()).contains(NatType.FULL_CONE);
        Duration firstRetransmission = RetransmissionSchedule.FIRST_PROBE.sendOffsets().get(1);
        assertThat(result.elapsed()).isEqualTo(firstRetransmission.plus(ROUND_TRIP.multipliedBy(2)));
    }

    private NatDiscoveryResult discoverFrom(VirtualHost client) throws IOException {
        CompletableFuture<NatDiscoveryResult> run = new NatDiscovery(stun).discover(client, clock);
        clock.runUntil(run::isDone, DISCOVERY_LIMIT);
        return run.join();
    }

    private static Arguments row(String name, NatBehaviour behaviour, NatType type, MappingBehavior mapping,
                                 FilteringBehavior filtering, Duration elapsed) {
        return Arguments.of(name, behaviour, type, mapping, filtering, elapsed);
    }
}
