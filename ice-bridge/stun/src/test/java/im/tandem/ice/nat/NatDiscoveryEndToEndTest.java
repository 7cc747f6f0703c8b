package im.tandem.ice.nat;

import im.tandem.ice.stun.ExternalProgram;
import im.tandem.ice.stun.LoopbackPorts;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static im.tandem.ice.stun.ExternalProgram.command;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery on loopback against our server, Debian's classic stund (RFC 3489, CHANGED-ADDRESS) and coturn
 * (RFC 5780, OTHER-ADDRESS). Loopback has no NAT and no firewall, so the right answer is always "open".
 */
@Tag("external")
class NatDiscoveryEndToEndTest {

    @Test
    void ourTwoAddressServerIsOpenInternet() throws Exception {
        int port = LoopbackPorts.freePortPair();
        try (StunServer server = new StunServer(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
                .primaryPort(port).alternateAddress(LoopbackPorts.ALTERNATE).build())) {
            server.start();

            NatDiscoveryResult result = new NatDiscovery(new InetSocketAddress(LoopbackPorts.PRIMARY, port),
                    LoopbackPorts.PRIMARY).discover();

            assertOpenInternet(result);
        }
    }

    @Test
    void ourSingleAddressServerGivesMappingOnlyWithAReason() throws Exception {
        int port = LoopbackPorts.freePortPair();
        try (StunServer server = new StunServer(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
                .primaryPort(port).build())) {
            server.start();

            NatDiscoveryResult result = new NatDiscovery(new InetSocketAddress(LoopbackPorts.PRIMARY, port)).discover();

            assertThat(result.natType()).isEmpty();
            assertThat(result.mapping()).isEqualTo(MappingBehavior.NO_NAT);
            assertThat(result.filtering()).isEqualTo(FilteringBehavior.UNKNOWN);
            assertThat(result.mappedAddress()).contains(result.local());
            assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("single-address"));
        }
    }

    @Test
    void silentPortIsUdpBlocked() throws Exception {
        int port = LoopbackPorts.freePortPair();

        NatDiscoveryResult result = new NatDiscovery(new InetSocketAddress(LoopbackPorts.PRIMARY, port)).discover();

        assertThat(result.natType()).contains(NatType.UDP_BLOCKED);
        assertThat(result.mappedAddress()).isEmpty();
        assertThat(result.reason()).hasValueSatisfying(r -> assertThat(r).contains("no answer"));
    }

    @Test
    void classicStundIsOpenInternet(@TempDir Path dir) throws Exception {
        String stund = ExternalProgram.require("/usr/sbin/stund", "stun-server").toString();
        int port = LoopbackPorts.freePortPair();
        InetSocketAddress server = new InetSocketAddress(LoopbackPorts.PRIMARY, port);
        try (ExternalProgram running = ExternalProgram.start(command(stund, "-h", "127.0.0.1", "-a", "127.0.0.2",
                "-p", port, "-o", port + 1), dir.resolve("stund.log"))) {
            running.awaitStunAnswer(server);

            assertOpenInternet(new NatDiscovery(server, LoopbackPorts.PRIMARY).discover());
        }
    }

    @Test
    void coturnIsOpenInternet(@TempDir Path dir) throws Exception {
        String turnserver = ExternalProgram.require("/usr/bin/turnserver", "coturn").toString();
        int port = LoopbackPorts.freePortPair();
        InetSocketAddress server = new InetSocketAddress(LoopbackPorts.PRIMARY, port);
        // STUN only, UDP only, loopback only, no CLI, every file in the temporary directory.
        try (ExternalProgram running = ExternalProgram.start(command(turnserver, "-n", "--stun-only",
                "--listening-ip", "127.0.0.1", "--listening-ip", "127.0.0.2", "--listening-port", port,
                "--alt-listening-port", port + 1, "--no-cli", "--no-tcp", "--no-tls", "--no-dtls",
                "--log-file", dir.resolve("turn.log"), "--simple-log", "--pidfile", dir.resolve("turn.pid"),
                "--userdb", dir.resolve("turndb")), dir.resolve("turnserver.out"))) {
            running.awaitStunAnswer(server);

            assertOpenInternet(new NatDiscovery(server, LoopbackPorts.PRIMARY).discover());
        }
    }

    private static void assertOpenInternet(NatDiscoveryResult result) {
        assertThat(result.natType()).as(result.toJson()).contains(NatType.OPEN_INTERNET);
        assertThat(result.mapping()).isEqualTo(MappingBehavior.NO_NAT);
        assertThat(result.filtering()).isEqualTo(FilteringBehavior.ENDPOINT_INDEPENDENT);
        assertThat(result.mappedAddress()).contains(result.local());
        assertThat(result.reason()).isEmpty();
    }
}
