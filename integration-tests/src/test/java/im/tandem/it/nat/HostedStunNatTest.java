package im.tandem.it.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import im.tandem.it.lab.ClassicNatType;
import im.tandem.it.lab.ExecResult;
import im.tandem.it.lab.NatKind;
import im.tandem.it.lab.NatLab;
import im.tandem.it.lab.StunClients;
import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireProcess;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The STUN server hosted by the plugin inside Openfire, on the lab's STUN host with its two addresses: behind every
 * kind of lab NAT, {@code ./tandem nat} and Debian's classic {@code stun} client name the NAT the router emulates.
 */
@Tag("server")
@Tag("lab")
class HostedStunNatTest {
    /** The plugin's STUN server on the STUN host: a port pair of its own (3482/3483). */
    private static final int HOSTED_PORT = 3482;

    private static NatLab lab;
    private static OpenfireProcess openfire;

    @BeforeAll
    static void buildLab() throws Exception {
        lab = NatLab.builder().stunServer().clientOfEveryKind().build();
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

    @ParameterizedTest
    @EnumSource(NatKind.class)
    void everyClientLearnsTheEmulatedNatFromThePluginsStunServer(NatKind kind) {
        InetSocketAddress hosted = new InetSocketAddress(lab.stunAddresses().get(0), HOSTED_PORT);
        OurDiscovery.namesTheEmulatedNat(lab, kind, hosted);

        ExecResult classic = StunClients.classicStun(lab, kind.clientName(), hosted);
        assertThat(ClassicNatType.fromOutput(classic.output())).as(classic.output())
                .isEqualTo(ClassicNatType.intendedFor(kind));
    }
}
