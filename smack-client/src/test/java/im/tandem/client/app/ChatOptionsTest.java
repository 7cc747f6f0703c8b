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
    void emptyInterfaceNamesAreRefused() {
        assertThatThrownBy(() -> ChatCommand.parse("alice@localhost", "--direct", "eth0,,wlan0"))
                .hasMessageContaining("--direct");
    }
}
