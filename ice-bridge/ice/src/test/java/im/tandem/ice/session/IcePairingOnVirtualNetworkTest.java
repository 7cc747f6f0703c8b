package im.tandem.ice.session;

import im.tandem.ice.nat.RetransmissionSchedule;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import im.tandem.ice.vnet.NatBehaviour;
import im.tandem.ice.vnet.VirtualClock;
import im.tandem.ice.vnet.VirtualHost;
import im.tandem.ice.vnet.VirtualNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which path two peers end up on, for every pair of NAT kinds of the namespace lab, with the lab's answers (the
 * table of {@code DirectChatLabTest} in the README): connectivity checks between host and server-reflexive
 * candidates on the simulated network ({@link CheckingAgent}), and the production {@link DirectFirstNominator} and
 * {@link PathType} choosing from what validated. A symmetric NAT's checks come from ports its peer never learned,
 * so only a peer whose filter ignores the port answers them; two symmetric NATs, or a symmetric NAT and a
 * port-restricted cone, need the relay. The TURN relay itself is not simulated: wherever both peers reach the
 * server over UDP, a relayed pair is valid the moment checks start, the worst case for the direct pairs, which the
 * nominator must still prefer.
 */
class IcePairingOnVirtualNetworkTest {
    private static final int STUN_PORT = 3478;
    private static final String PRIVATE_ADDRESS = "10.0.0.2";
    /** Far more than the checks' 0.8 s budget and the relay's 1 s grace. */
    private static final Duration CHECK_WINDOW = Duration.ofSeconds(5);
    private static final CheckingAgent.ValidPair RELAYED_PAIR = new CheckingAgent.ValidPair(CandidateType.RELAY,
            new CheckingAgent.Candidate(CandidateType.RELAY, new InetSocketAddress("198.18.0.20", STUN_PORT)));

    /** The routers of the lab; {@code null} is a host with no NAT. */
    enum Kind {
        NONE(null),
        FULL_CONE(NatBehaviour.FULL_CONE),
        RESTRICTED_CONE(NatBehaviour.RESTRICTED_CONE),
        PORT_RESTRICTED_CONE(NatBehaviour.PORT_RESTRICTED_CONE),
        SYMMETRIC(NatBehaviour.SYMMETRIC),
        UDP_BLOCKED(NatBehaviour.UDP_BLOCKED);

        final NatBehaviour behaviour;

        Kind(NatBehaviour behaviour) {
            this.behaviour = behaviour;
        }
    }

    private record Outcome(Optional<PathType> path, Duration after) {
    }

    private VirtualClock clock;
    private VirtualNetwork internet;
    private InetSocketAddress stun;

    /** A fresh internet with a STUN server on it, for each run. */
    private void newInternet() throws IOException {
        clock = new VirtualClock();
        internet = new VirtualNetwork(clock);
        VirtualHost stunHost = internet.addHost("198.18.0.10");
        new StunServer(StunServerConfig.builder().primaryAddress(stunHost.address()).primaryPort(STUN_PORT).build(),
                stunHost, clock::nanoTime).start();
        stun = new InetSocketAddress(stunHost.address(), STUN_PORT);
    }

    /** The upper triangle of the lab's table, UDP blocked included (no path at all: chat stays on the server). */
    static Stream<Arguments> everyPairOfNats() {
        List<Arguments> rows = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            for (int j = i; j < kinds.length; j++) {
                rows.add(Arguments.of(kinds[i], kinds[j], expected(kinds[i], kinds[j])));
            }
        }
        return rows.stream();
    }

    private static Optional<PathType> expected(Kind a, Kind b) {
        if (a == Kind.UDP_BLOCKED || b == Kind.UDP_BLOCKED) {
            return Optional.empty();
        }
        if (a == Kind.NONE && b == Kind.NONE) {
            return Optional.of(PathType.HOST);
        }
        boolean aIgnoresPorts = a != Kind.PORT_RESTRICTED_CONE && a != Kind.SYMMETRIC;
        boolean bIgnoresPorts = b != Kind.PORT_RESTRICTED_CONE && b != Kind.SYMMETRIC;
        boolean symmetric = a == Kind.SYMMETRIC || b == Kind.SYMMETRIC;
        return Optional.of(symmetric && !aIgnoresPorts && !bIgnoresPorts ? PathType.RELAY : PathType.SRFLX);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("everyPairOfNats")
    void peersEndUpOnThePathTheirNatsAllow(Kind first, Kind second, Optional<PathType> expected) throws IOException {
        for (boolean firstControls : new boolean[] {true, false}) {
            newInternet();
            Outcome outcome = firstControls ? connect(first, second) : connect(second, first);

            String roles = firstControls ? first + " controlling" : second + " controlling";
            assertThat(outcome.path()).as(roles).isEqualTo(expected);
            if (expected.equals(Optional.of(PathType.RELAY))) {
                assertThat(outcome.after()).as(roles + ": the relay only after its grace")
                        .isEqualTo(DirectFirstNominator.RELAY_GRACE);
            } else if (expected.isPresent()) {
                assertThat(outcome.after()).as(roles + ": a direct pair at once")
                        .isLessThan(RetransmissionSchedule.INITIAL_RTO);
            }
        }
    }

    /** Gathers, exchanges candidates, checks, and reports what the controlling peer nominated and when. */
    private Outcome connect(Kind controlling, Kind controlled) throws IOException {
        CheckingAgent agent = new CheckingAgent(peer(controlling, "198.18.1.1"), clock);
        CheckingAgent peer = new CheckingAgent(peer(controlled, "198.18.1.2"), clock);
        agent.gather(stun);
        peer.gather(stun);
        clock.advance(RetransmissionSchedule.FIRST_PROBE.budget());

        Duration checksStart = clock.elapsed();
        List<Outcome> nominated = new ArrayList<>();
        DirectFirstNominator<CheckingAgent.ValidPair> nominator = new DirectFirstNominator<>(clock::schedule,
                pair -> nominated.add(new Outcome(Optional.of(PathType.of(pair.localAsSeen(), pair.remote().type())),
                        clock.elapsed().minus(checksStart))));
        agent.onValidated(pair -> nominator.validated(pair, 0));
        if (agent.reachedStunServer() && peer.reachedStunServer()) {
            nominator.validated(RELAYED_PAIR, 2);
        }
        agent.check(peer.candidates());
        peer.check(agent.candidates());
        clock.advance(CHECK_WINDOW);

        assertThat(nominated).as("one nomination at most").hasSizeLessThanOrEqualTo(1);
        return nominated.stream().findFirst().orElse(new Outcome(Optional.empty(), CHECK_WINDOW));
    }

    /** Every peer behind a NAT has the same private address, as real home networks do; public ones differ. */
    private VirtualHost peer(Kind kind, String publicAddress) {
        return kind.behaviour == null
                ? internet.addHost(publicAddress)
                : internet.addNat(publicAddress, kind.behaviour).addHost(PRIVATE_ADDRESS);
    }
}
