package im.tandem.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


/**
 * Checks the NAT lab with tools written by others: each router kind must be classified as intended by Debian's
 * RFC 3489 {@code stun} client against {@code stund}, and by coturn's RFC 5780 {@code turnutils_natdiscovery}
 * against coturn. One lab holds a client of every kind, so the lab is built once.
 */
@Tag("lab")
class NatLabTest {

    /** Messages turnutils_uclient sends through the relay per direction; a handful proves the relay works. */
    private static final int RELAYED_MESSAGES = 5;
    /** Any address outside the lab; only looked up in routing tables, never sent to (TEST-NET-1, RFC 5737). */
    private static final String OUTSIDE_ADDRESS = "192.0.2.1";
    private static final Pattern REFLEXIVE = Pattern.compile("UDP reflexive addr: ([0-9.]+):\\d+");

    private static NatLab lab;

    @BeforeAll
    static void buildLab() {
        lab = NatLab.builder().stunServer().turnServer().clientOfEveryKind().build();
        DiscoveryServer.COTURN.start(lab);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void classicStunClientSeesTheIntendedNatType(NatKind kind) {
        ExecResult result = classicStun(kind.clientName());
        ClassicNatType expected = ClassicNatType.intendedFor(kind);
        assertThat(ClassicNatType.fromOutput(result.output())).as(result.output()).isEqualTo(expected);
        assertThat(ClassicNatType.fromExitCode(result.exitCode())).as(result.output()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void coturnNatDiscoverySeesTheIntendedBehaviour(NatKind kind) {
        LabClient client = lab.client(kind.clientName());
        String mapping = StunClients.mappingDiscovery(lab, client.name(), DiscoveryServer.COTURN.address(lab));
        String filtering = StunClients.filteringDiscovery(lab, client.name(), DiscoveryServer.COTURN.address(lab));

        Rfc5780Behaviour expectedMapping = Rfc5780Behaviour.intendedMapping(kind);
        Rfc5780Behaviour expectedFiltering = Rfc5780Behaviour.intendedFiltering(kind);
        assertThat(Rfc5780Behaviour.mapping(mapping)).as(mapping).isEqualTo(expectedMapping);
        assertThat(Rfc5780Behaviour.filtering(filtering)).as(filtering).isEqualTo(expectedFiltering);
        if (kind != NatKind.UDP_BLOCKED) {
            assertThat(reflexiveAddresses(mapping)).as(mapping)
                    .isNotEmpty().containsOnly(client.publicAddress().getHostAddress());
        }
    }

    @Test
    void turnServerRelaysForAClientBehindASymmetricNat() {
        CoturnServer turn = lab.turnServer();
        ExecResult result = lab.exec(lab.clientNamespace(NatKind.SYMMETRIC.clientName()),
                LabTool.TURN_CLIENT.path(), "-y", "-c", "-n", Integer.toString(RELAYED_MESSAGES),
                "-W", turn.sharedSecret(), "-p", Integer.toString(turn.address().getPort()),
                turn.address().getAddress().getHostAddress());

        // -y: two allocations send to each other through the relay, so every message crosses it; -c: no second
        // (RTCP) pair of allocations.
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("tot_send_msgs=" + 2 * RELAYED_MESSAGES + ", tot_recv_msgs=" + 2 * RELAYED_MESSAGES)
                .contains("Total lost packets 0 ");
    }

    @Test
    void javaCommandRunsInsideTheClientNamespace() {
        LabClient client = lab.client(NatKind.SYMMETRIC.clientName());
        ExecResult result = lab.exec(Duration.ofSeconds(60),
                lab.javaCommand(client.namespace(), NamespaceProbe.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines())
                .containsExactlyInAnyOrder("127.0.0.1", client.address().getHostAddress());
    }

    @Test
    void nothingOutsideTheLabIsRoutable() {
        ExecResult route = lab.exec(lab.coreNamespace(), LabTool.IP.path(), "route", "get", OUTSIDE_ADDRESS);
        assertThat(route.exitCode()).as(route.output()).isNotZero();
        assertThat(route.output()).contains("unreachable");

        String coreRoutes = lab.exec(lab.coreNamespace(), LabTool.IP.path(), "route", "show").requireSuccess()
                .output();
        assertThat(coreRoutes.lines()).isNotEmpty().allMatch(line -> line.startsWith("198.18.")
                || line.startsWith("198.19."), "routes only into the lab's public range");
    }

    @Test
    void theRootNamespaceHasNoLabAddressOrRoute() {
        Duration timeout = Duration.ofSeconds(10);
        String addresses = CommandRunner.run(List.of(LabTool.IP.path(), "-o", "address", "show"), timeout)
                .requireSuccess().output();
        String routes = CommandRunner.run(List.of(LabTool.IP.path(), "route", "show"), timeout)
                .requireSuccess().output();

        assertThat(addresses).doesNotContain(" 198.18.", " 198.19.");
        assertThat(routes).doesNotContain("198.18.", "198.19.");
    }

    @Test
    void cutLinkDropsEverythingAndRestoreLinkBringsItBack() {
        String client = NatKind.FULL_CONE.clientName();
        try {
            lab.cutLink(client);
            assertThat(ClassicNatType.fromOutput(classicStun(client).output())).isEqualTo(ClassicNatType.BLOCKED);
            assertThat(tcpConnectsToTurn(client)).as("TCP through a cut link").isFalse();
        } finally {
            lab.restoreLink(client);
        }
        assertThat(ClassicNatType.fromOutput(classicStun(client).output())).isEqualTo(ClassicNatType.FULL_CONE);
    }

    @Test
    void cutUdpDropsUdpButNotTcp() {
        String client = NatKind.FULL_CONE.clientName();
        try {
            lab.cutUdp(client);
            assertThat(ClassicNatType.fromOutput(classicStun(client).output())).isEqualTo(ClassicNatType.BLOCKED);
            assertThat(tcpConnectsToTurn(client)).as("TCP while only UDP is cut").isTrue();
        } finally {
            lab.restoreLink(client);
        }
        assertThat(ClassicNatType.fromOutput(classicStun(client).output())).isEqualTo(ClassicNatType.FULL_CONE);
    }

    private static ExecResult classicStun(String client) {
        return StunClients.classicStun(lab, client, DiscoveryServer.STUND.address(lab));
    }

    /** Opens (and at once closes) a TCP connection to the TURN server with bash's /dev/tcp, within 5 s. */
    private static boolean tcpConnectsToTurn(String client) {
        InetSocketAddress turn = lab.turnServer().address();
        String target = "/dev/tcp/" + turn.getAddress().getHostAddress() + "/" + turn.getPort();
        return lab.exec(lab.clientNamespace(client), "timeout", "5", "bash", "-c", "exec 3<>" + target)
                .succeeded();
    }

    private static List<String> reflexiveAddresses(String output) {
        Matcher matcher = REFLEXIVE.matcher(output);
        return matcher.results().map(result -> result.group(1)).toList();
    }
}
