package im.tandem.it.nat;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.it.lab.ClassicNatType;
import im.tandem.it.lab.DiscoveryServer;
import im.tandem.it.lab.ExecResult;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.Rfc5780Behaviour;
import im.tandem.it.lab.StunClients;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The discovery matrix: our NAT discovery, run behind every kind of lab NAT against every kind of two-address STUN
 * server (ours, Debian's classic stund, coturn in RFC 5780 mode), must name exactly the NAT the router emulates;
 * and the independent clients (Debian's {@code stun}, coturn's {@code turnutils_natdiscovery}) must say the same
 * of every NAT whether they ask our server or the server they were written for. One lab holds a client of every
 * kind and all three servers side by side on the STUN host. It needs no Openfire, so it runs once; the same server
 * code hosted by the plugin is checked on each Openfire release by {@link HostedStunNatTest}.
 */
@Tag("lab")
class NatDiscoveryMatrixTest {

    private static NatLab lab;

    @BeforeAll
    static void buildLab() throws Exception {
        lab = NatLab.builder().stunServer().clientOfEveryKind().build();
        for (DiscoveryServer server : DiscoveryServer.values()) {
            server.start(lab);
        }
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    static Stream<Arguments> everyNatWithEveryServer() {
        return Arrays.stream(NatKind.values()).flatMap(kind -> Arrays.stream(DiscoveryServer.values())
                .map(server -> Arguments.of(kind, server)));
    }

    @ParameterizedTest(name = "{0} against {1}")
    @MethodSource("everyNatWithEveryServer")
    void ourDiscoveryNamesTheEmulatedNat(NatKind kind, DiscoveryServer server) {
        OurDiscovery.namesTheEmulatedNat(lab, kind, server.address(lab));
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void classicStunClientSeesTheSameNatThroughOurServerAsThroughStund(NatKind kind) {
        ExecResult ours = StunClients.classicStun(lab, kind.clientName(), DiscoveryServer.TANDEM.address(lab));
        ExecResult stund = StunClients.classicStun(lab, kind.clientName(), DiscoveryServer.STUND.address(lab));

        ClassicNatType expected = ClassicNatType.intendedFor(kind);
        assertThat(ClassicNatType.fromOutput(stund.output())).as(stund.output()).isEqualTo(expected);
        assertThat(ClassicNatType.fromOutput(ours.output())).as(ours.output()).isEqualTo(expected);
        assertThat(ClassicNatType.fromExitCode(ours.exitCode())).as(ours.output()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void coturnNatDiscoverySeesTheSameBehaviourThroughOurServerAsThroughCoturn(NatKind kind) {
        String client = kind.clientName();
        for (DiscoveryServer server : new DiscoveryServer[] {DiscoveryServer.COTURN, DiscoveryServer.TANDEM}) {
            String mapping = StunClients.mappingDiscovery(lab, client, server.address(lab));
            String filtering = StunClients.filteringDiscovery(lab, client, server.address(lab));
            assertThat(Rfc5780Behaviour.mapping(mapping)).as(server + ":\n" + mapping)
                    .isEqualTo(Rfc5780Behaviour.intendedMapping(kind));
            assertThat(Rfc5780Behaviour.filtering(filtering)).as(server + ":\n" + filtering)
                    .isEqualTo(Rfc5780Behaviour.intendedFiltering(kind));
        }
    }
}
