package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.junit.jupiter.api.Test;

class ChatOptionsTest {
    @Test
    void directSessionsAreOffUnlessInterfacesAreGiven() {
        assertThat(ChatCommand.parse("alice@localhost").direct()).isEmpty();
    }

    @Test
    void directSessionsUseTheNamedInterfacesOrAllOfThem() {
        assertThat(ChatCommand.parse("alice@localhost", "--direct", "eth0, wlan0").direct())
                .hasValueSatisfying(config -> assertThat(config.ice().allowedInterfaces())
                        .containsExactly("eth0", "wlan0"));
        assertThat(ChatCommand.parse("--direct", "any", "alice@localhost").direct())
                .hasValueSatisfying(config -> assertThat(config.ice().allowedInterfaces()).isEmpty());
    }

    @Test
    void aStaticStunServerIsForDirectSessions() {
        assertThat(ChatCommand.parse("alice@localhost", "--direct", "eth0", "--stun", "192.0.2.7")
                .direct()).hasValueSatisfying(config -> assertThat(config.ice().stunServers())
                .containsExactly(new InetSocketAddress("192.0.2.7", 3478)));
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--stun", "192.0.2.7"))
                .hasMessageContaining("--direct");
    }

    @Test
    void theServerConnectionUsesTlsUnlessTheServerIsThisMachineOrNoTlsIsGiven() {
        assertThat(ChatCommand.parse("alice@example.org", "--server", "192.0.2.7").account("pw", false).securityMode())
                .isEqualTo(SecurityMode.required);
        assertThat(ChatCommand.parse("alice@example.org", "--server", "127.0.0.1:5222").account("pw", false).securityMode())
                .isEqualTo(SecurityMode.disabled);
        assertThat(ChatCommand.parse("alice@example.org", "--server", "192.0.2.7", "--no-tls").account("pw", false)
                .securityMode()).isEqualTo(SecurityMode.disabled);
    }

    @Test
    void tlsRequiresStartTlsOnLoopbackTooAndTheCertificateIsVerifiedUnlessPinnedOrInsecure() {
        var loopbackTls = ChatCommand.parse("alice@example.org", "--server", "127.0.0.1", "--tls").account("pw", false);
        assertThat(loopbackTls.securityMode()).isEqualTo(SecurityMode.required);
        assertThat(loopbackTls.certificateTrust()).isEqualTo(new im.tandem.client.connect.CertificateTrust.Verified());

        String pin = "AB".repeat(32);
        assertThat(ChatCommand.parse("alice@example.org", "--trust-cert", pin.toLowerCase()).account("pw", false)
                .certificateTrust()).isEqualTo(new im.tandem.client.connect.CertificateTrust.Pinned(
                        new im.tandem.client.connect.CertificateFingerprint(pin)));
        ChatOptions insecure = ChatCommand.parse("alice@example.org", "--insecure");
        assertThat(insecure.account("pw", false).certificateTrust())
                .isEqualTo(new im.tandem.client.connect.CertificateTrust.Anything());
        assertThat(insecure.tls().warning()).contains(TlsOptions.INSECURE_WARNING);
        assertThat(ChatCommand.parse("alice@example.org").tls().warning()).isEmpty();
    }

    @Test
    void aPinnedCertificateOrInsecureAsksForTlsEvenOnLoopbackSoThePinIsChecked() {
        String pin = "AB".repeat(32);
        for (String address : new String[] {"127.0.0.1", "localhost"}) {
            assertThat(ChatCommand.parse("alice@example.org", "--server", address, "--trust-cert", pin)
                    .account("pw", false).securityMode()).as("pinned, on " + address).isEqualTo(SecurityMode.required);
            assertThat(ChatCommand.parse("alice@example.org", "--server", address, "--insecure")
                    .account("pw", false).securityMode()).as("insecure, on " + address)
                    .isEqualTo(SecurityMode.required);
        }
    }

    @Test
    void contradictoryTlsOptionsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--tls", "--no-tls"))
                .hasMessageContaining("--no-tls and --tls contradict each other");
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--no-tls", "--insecure"))
                .hasMessageContaining("--insecure is about the server's TLS certificate, and --no-tls turns TLS off");
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--trust-cert", "AB".repeat(32), "--insecure"))
                .hasMessageContaining("--trust-cert accepts one certificate and --insecure accepts any");
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--trust-cert", "not-hex"))
                .hasMessageContaining("--trust-cert takes the server certificate's SHA-256 fingerprint");
    }

    @Test
    void emptyInterfaceNamesAreRefused() {
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--direct", "eth0,,wlan0"))
                .hasMessageContaining("--direct");
    }
}
