package im.tandem.ice.stun;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static im.tandem.ice.stun.ExternalProgram.command;
import static org.assertj.core.api.Assertions.assertThat;

/** Standard clients against our server on 127.0.0.1 + 127.0.0.2 (no NAT on loopback, so "open"). */
@Tag("external")
class StunServerInteropTest {
    /** Both clients finish in well under a second against a live server; this only bounds a hang. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    /** The classic client's exit code is its result bit mask; 0x1 means "Open". */
    private static final int VOVIDA_OPEN = 0x01;

    private StunServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = LoopbackPorts.freePortPair();
        server = new StunServer(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY).primaryPort(port)
                .alternateAddress(LoopbackPorts.ALTERNATE).build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void debianClassicStunClientRunsAllRfc3489TestsAndFindsOpenInternet() throws Exception {
        String stun = ExternalProgram.require("/usr/bin/stun", "stun-client").toString();

        ExternalProgram.Completed result = ExternalProgram.run(
                command(stun, "127.0.0.1:" + port, "-v"), CLIENT_TIMEOUT);

        assertThat(result.output()).contains("test I = 1", "test II = 1", "test III = 1", "test I(2) = 1",
                "ChangedAddress = 127.0.0.2:" + (port + 1), "Primary: Open");
        assertThat(result.exitCode()).isEqualTo(VOVIDA_OPEN);
        assertThat(server.statistics().malformed()).isZero();
    }

    @Test
    void coturnNatDiscoveryFindsEndpointIndependentMappingAndFiltering() throws Exception {
        String natdiscovery = ExternalProgram.require("/usr/bin/turnutils_natdiscovery", "coturn").toString();

        ExternalProgram.Completed result = ExternalProgram.run(
                command(natdiscovery, "-m", "-f", "-p", port, "127.0.0.1"), CLIENT_TIMEOUT);

        assertThat(result.output()).contains("Other addr: : 127.0.0.2:" + (port + 1),
                "NAT with Endpoint Independent Mapping!", "NAT with Endpoint Independent Filtering!");
        assertThat(result.exitCode()).isZero();
        assertThat(server.statistics().malformed()).isZero();
    }
}
