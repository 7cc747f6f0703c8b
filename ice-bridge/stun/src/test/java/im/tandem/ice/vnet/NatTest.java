package im.tandem.ice.vnet;

import im.tandem.ice.net.DatagramEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulated NAT's RFC 4787 rules, seen from outside: a client behind the NAT talks to three endpoints on two
 * public hosts, A (two ports) and B, and the test watches which source ports they see and which of their
 * datagrams get back in.
 */
class NatTest {
    private static final byte[] PAYLOAD = {1, 2, 3};
    private static final int PORT = 5000;
    private static final String NAT_PUBLIC = "198.18.1.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final VirtualClock clock = new VirtualClock();
    private final VirtualNetwork internet = new VirtualNetwork(clock);
    private final Recorder atA = new Recorder();
    private final Recorder atAOtherPort = new Recorder();
    private final Recorder atB = new Recorder();
    private final Recorder atClient = new Recorder();
    private DatagramEndpoint a;
    private DatagramEndpoint aOtherPort;
    private DatagramEndpoint b;

    @BeforeEach
    void publicHosts() throws IOException {
        VirtualHost hostA = internet.addHost("198.18.0.10");
        VirtualHost hostB = internet.addHost("198.18.0.20");
        a = hostA.bind(new InetSocketAddress(hostA.address(), PORT), "a", atA);
        aOtherPort = hostA.bind(new InetSocketAddress(hostA.address(), PORT + 1), "a2", atAOtherPort);
        b = hostB.bind(new InetSocketAddress(hostB.address(), PORT), "b", atB);
    }

    @ParameterizedTest
    @EnumSource(MappingRule.class)
    void mappingRuleDecidesWhichDestinationsShareAPublicPort(MappingRule rule) throws IOException {
        DatagramEndpoint client = clientBehind(NatBehaviour.forwarding(rule, FilteringRule.ENDPOINT_INDEPENDENT));

        client.send(PAYLOAD, a.localAddress());
        client.send(PAYLOAD, aOtherPort.localAddress());
        client.send(PAYLOAD, b.localAddress());
        clock.advance(internet.linkDelay());

        int toA = onlySource(atA).getPort();
        int toAOtherPort = onlySource(atAOtherPort).getPort();
        int toB = onlySource(atB).getPort();
        assertThat(onlySource(atA).getAddress()).isEqualTo(VirtualNetwork.parse(NAT_PUBLIC));
        switch (rule) {
            case ENDPOINT_INDEPENDENT -> assertThat(List.of(toAOtherPort, toB)).containsOnly(toA);
            case ADDRESS_DEPENDENT -> {
                assertThat(toAOtherPort).isEqualTo(toA);
                assertThat(toB).isNotEqualTo(toA);
            }
            case ADDRESS_AND_PORT_DEPENDENT -> assertThat(List.of(toA, toAOtherPort, toB)).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(FilteringRule.class)
    void filteringRuleDecidesWhoGetsBackIn(FilteringRule rule) throws IOException {
        DatagramEndpoint client = clientBehind(NatBehaviour.forwarding(MappingRule.ENDPOINT_INDEPENDENT, rule));
        client.send(PAYLOAD, a.localAddress());
        clock.advance(internet.linkDelay());
        InetSocketAddress mapped = onlySource(atA);

        a.send(PAYLOAD, mapped);
        aOtherPort.send(PAYLOAD, mapped);
        b.send(PAYLOAD, mapped);
        clock.advance(internet.linkDelay());

        List<InetSocketAddress> expected = switch (rule) {
            case ENDPOINT_INDEPENDENT -> List.of(a.localAddress(), aOtherPort.localAddress(), b.localAddress());
            case ADDRESS_DEPENDENT -> List.of(a.localAddress(), aOtherPort.localAddress());
            case ADDRESS_AND_PORT_DEPENDENT -> List.of(a.localAddress());
        };
        assertThat(atClient.sources()).containsExactlyElementsOf(expected);
    }

    @Test
    void aMappingExpiresAfterItsTimeoutAndIncomingTrafficDoesNotRefreshIt() throws IOException {
        Nat nat = internet.addNat(NAT_PUBLIC, NatBehaviour.FULL_CONE.withMappingTimeout(TIMEOUT));
        DatagramEndpoint client = bindClient(nat);
        client.send(PAYLOAD, a.localAddress());
        clock.advance(internet.linkDelay());
        InetSocketAddress mapped = onlySource(atA);

        clock.advance(TIMEOUT.dividedBy(2));
        a.send(PAYLOAD, mapped);
        clock.advance(TIMEOUT.dividedBy(2));
        a.send(PAYLOAD, mapped);
        clock.advance(internet.linkDelay());

        assertThat(atClient.sources()).as("in while alive, not after: receiving refreshes nothing").hasSize(1);
        assertThat(nat.liveMappings()).isZero();
    }

    @Test
    void aBlockingRouterLetsNothingOut() throws IOException {
        DatagramEndpoint client = clientBehind(NatBehaviour.UDP_BLOCKED);

        client.send(PAYLOAD, a.localAddress());
        clock.advance(internet.linkDelay());

        assertThat(atA.sources()).isEmpty();
    }

    @Test
    void aPublicHostIsReachedUnchangedAndPrivateAddressesNotAtAll() throws IOException {
        VirtualHost publicHost = internet.addHost("198.18.2.2");
        Recorder atPublic = new Recorder();
        DatagramEndpoint open = publicHost.bind(new InetSocketAddress(publicHost.address(), PORT), "open", atPublic);
        DatagramEndpoint client = clientBehind(NatBehaviour.FULL_CONE);

        open.send(PAYLOAD, a.localAddress());
        a.send(PAYLOAD, open.localAddress());
        a.send(PAYLOAD, client.localAddress());
        clock.advance(internet.linkDelay());

        assertThat(atA.sources()).containsExactly(open.localAddress());
        assertThat(atPublic.sources()).containsExactly(a.localAddress());
        assertThat(atClient.sources()).isEmpty();
    }

    @Test
    void aClosedEndpointNeitherSendsNorReceives() throws IOException {
        DatagramEndpoint client = clientBehind(NatBehaviour.FULL_CONE);
        client.send(PAYLOAD, a.localAddress());
        clock.advance(internet.linkDelay());
        client.close();

        a.send(PAYLOAD, onlySource(atA));
        clock.advance(internet.linkDelay());

        assertThat(atClient.sources()).isEmpty();
        assertThatThrownBy(() -> client.send(PAYLOAD, a.localAddress())).isInstanceOf(IOException.class);
    }

    private DatagramEndpoint clientBehind(NatBehaviour behaviour) throws IOException {
        return bindClient(internet.addNat(NAT_PUBLIC, behaviour));
    }

    private DatagramEndpoint bindClient(Nat nat) throws IOException {
        VirtualHost host = nat.addHost("10.0.0.2");
        return host.bind(new InetSocketAddress(host.address(), 0), "client", atClient);
    }

    private static InetSocketAddress onlySource(Recorder recorder) {
        assertThat(recorder.sources()).hasSize(1);
        return recorder.sources().get(0);
    }
}
