package im.tandem.it.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import im.tandem.ice.cli.NatCommand;
import im.tandem.ice.nat.FilteringBehavior;
import im.tandem.ice.nat.MappingBehavior;
import im.tandem.ice.nat.NatType;
import im.tandem.it.lab.ExecResult;
import im.tandem.it.lab.LabClient;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;

/**
 * Our NAT discovery ({@code ./tandem nat --json}) run inside a lab client's namespace against one STUN server, and
 * what it must report behind the kind of NAT that client's router emulates.
 */
final class OurDiscovery {
    /** A JVM start in the namespace plus a blocked discovery (under 3 s), with room for a loaded machine. */
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    private OurDiscovery() {
    }

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

    /**
     * Runs the discovery behind {@code kind}'s client against {@code server} and checks that it names the NAT, its
     * mapping and filtering, and the client's public address (or, with UDP blocked, why nothing is known).
     */
    static void namesTheEmulatedNat(NatLab lab, NatKind kind, InetSocketAddress server) {
        LabClient client = lab.client(kind.clientName());
        ExecResult run = lab.exec(COMMAND_LIMIT, lab.javaCommand(client.namespace(), NatCommand.class.getName(),
                "--stun", hostPort(server), "--json"));
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

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
