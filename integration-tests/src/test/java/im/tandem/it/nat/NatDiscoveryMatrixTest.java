package im.tandem.it.nat;

import static org.assertj.core.api.Assertions.assertThat;

import im.tandem.ice.cli.NatCommand;
import im.tandem.ice.nat.FilteringBehavior;
import im.tandem.ice.nat.MappingBehavior;
import im.tandem.ice.nat.NatType;
import im.tandem.it.lab.ClassicNatType;
import im.tandem.it.lab.DiscoveryServer;
import im.tandem.it.lab.ExecResult;
import im.tandem.it.lab.LabClient;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.Rfc5780Behaviour;
import im.tandem.it.lab.StunClients;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
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
 * kind and all three servers side by side on the STUN host.
 */
@Tag("server")
@Tag("lab")
class NatDiscoveryMatrixTest {

    /** A JVM start in the namespace plus a blocked discovery (under 3 s), with room for a loaded machine. */
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    /** What our discovery must report behind one kind of NAT. */
    private record Expected(NatType type, MappingBehavior mapping, FilteringBehavior filtering) {

        static Expected of(NatKind kind) {
            return switch (kind) {
                case NONE -> new Expected(NatType.OPEN_INTERNET, MappingBehavior.NO_NAT,
                        FilteringBehavior.ENDPOINT_INDEPENDENT);
                case FULL_CONE -> new Expected(NatType.FULL_CONE, MappingBehavior.ENDPOINT_INDEPENDENT,
                        FilteringBehavior.ENDPOINT_INDEPENDENT);
                case RESTRICTED_CONE -> new Expected(NatType.RESTRICTED_CONE, MappingBehavior.ENDPOINT_INDEPENDENT,
                        FilteringBehavior.ADDRESS_DEPENDENT);
                case PORT_RESTRICTED_CONE -> new Expected(NatType.PORT_RESTRICTED_CONE,
                        MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
                case SYMMETRIC -> new Expected(NatType.SYMMETRIC, MappingBehavior.ADDRESS_AND_PORT_DEPENDENT,
                        FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT);
                // Nothing answers, so nothing about mapping or filtering can be known.
                case UDP_BLOCKED -> new Expected(NatType.UDP_BLOCKED, MappingBehavior.UNKNOWN,
                        FilteringBehavior.UNKNOWN);
            };
        }
    }

    /** The plugin's STUN server, inside Openfire on the STUN host: the port pair after ours (3480/3481). */
    private static final int HOSTED_PORT = 3482;

    private static NatLab lab;
    private static OpenfireProcess openfire;

    @BeforeAll
    static void buildLab() throws Exception {
        NatLab.Builder builder = NatLab.builder().stunServer();
        for (NatKind kind : NatKind.values()) {
            builder.client(kind.clientName(), kind);
        }
        lab = builder.build();
        for (DiscoveryServer server : DiscoveryServer.values()) {
            server.start(lab);
        }
        String primary = lab.stunAddresses().get(0).getHostAddress();
        String alternate = lab.stunAddresses().get(1).getHostAddress();
        openfire = OpenfireProcess.start(Files.createDirectories(lab.workDirectory().resolve("openfire")),
                OpenfireSettings.builder()
                        .networkNamespace(lab.stunNamespace())
                        .networkInterface(primary)
                        .property("tandem.stun.enabled", "true")
                        .property("tandem.stun.primary", primary + ":" + HOSTED_PORT)
                        .property("tandem.stun.alternate", alternate + ":" + (HOSTED_PORT + 1))
                        .build(), HarnessPaths.pluginJar());
        for (InetAddress address : lab.stunAddresses()) {
            lab.awaitUdpListener(lab.stunNamespace(), new InetSocketAddress(address, HOSTED_PORT));
            lab.awaitUdpListener(lab.stunNamespace(), new InetSocketAddress(address, HOSTED_PORT + 1));
        }
    }

    @AfterAll
    static void closeLab() {
        if (openfire != null) {
            openfire.close();
        }
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
        LabClient client = lab.client(kind.clientName());
        ExecResult run = lab.exec(COMMAND_LIMIT, lab.javaCommand(client.namespace(), NatCommand.class.getName(),
                "--stun", hostPort(server.address(lab)), "--json"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        NatCommandReport report = NatCommandReport.parse(run.output());

        Expected expected = Expected.of(kind);
        assertThat(report.natType()).as(run.output()).contains(expected.type());
        assertThat(report.mapping()).as(run.output()).isEqualTo(expected.mapping());
        assertThat(report.filtering()).as(run.output()).isEqualTo(expected.filtering());
        if (kind == NatKind.UDP_BLOCKED) {
            assertThat(report.mappedAddress()).as(run.output()).isEmpty();
            assertThat(report.reason()).as(run.output()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("no answer"));
        } else {
            assertThat(report.mappedIp()).as(run.output()).contains(client.publicAddress().getHostAddress());
            assertThat(report.reason()).as("everything determined, so no reason: " + run.output()).isEmpty();
        }
    }

    /** The same server code hosted by the plugin inside Openfire: `./tandem nat` and Debian's stun client agree. */
    @ParameterizedTest
    @EnumSource(NatKind.class)
    void thePluginsStunServerGivesEveryClientTheEmulatedNat(NatKind kind) {
        LabClient client = lab.client(kind.clientName());
        InetSocketAddress hosted = new InetSocketAddress(lab.stunAddresses().get(0), HOSTED_PORT);
        ExecResult run = lab.exec(COMMAND_LIMIT, lab.javaCommand(client.namespace(), NatCommand.class.getName(),
                "--stun", hostPort(hosted), "--json"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        NatCommandReport report = NatCommandReport.parse(run.output());
        Expected expected = Expected.of(kind);
        assertThat(report.natType()).as(run.output()).contains(expected.type());
        assertThat(report.mapping()).as(run.output()).isEqualTo(expected.mapping());
        assertThat(report.filtering()).as(run.output()).isEqualTo(expected.filtering());

        ExecResult classic = StunClients.classicStun(lab, kind.clientName(), hosted);
        assertThat(ClassicNatType.fromOutput(classic.output())).as(classic.output())
                .isEqualTo(ClassicNatType.intendedFor(kind));
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

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
