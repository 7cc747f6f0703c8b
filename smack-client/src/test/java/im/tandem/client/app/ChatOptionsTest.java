package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class ChatOptionsTest {
    @Test
    void directSessionsAreOffUnlessInterfacesAreGiven() {
        assertThat(ChatOptions.parse(new String[] {"alice@localhost"}).direct()).isEmpty();
    }

    @Test
    void directSessionsUseTheNamedInterfacesOrAllOfThem() {
        assertThat(ChatOptions.parse(new String[] {"alice@localhost", "--direct", "eth0, wlan0"}).direct())
                .hasValueSatisfying(config -> assertThat(config.ice().allowedInterfaces())
                        .containsExactly("eth0", "wlan0"));
        assertThat(ChatOptions.parse(new String[] {"--direct", "any", "alice@localhost"}).direct())
                .hasValueSatisfying(config -> assertThat(config.ice().allowedInterfaces()).isEmpty());
    }

    @Test
    void aStaticStunServerIsForDirectSessions() {
        assertThat(ChatOptions.parse(new String[] {"alice@localhost", "--direct", "eth0", "--stun", "192.0.2.7"})
                .direct()).hasValueSatisfying(config -> assertThat(config.ice().stunServers())
                .containsExactly(new InetSocketAddress("192.0.2.7", 3478)));
        assertThatThrownBy(() -> ChatOptions.parse(new String[] {"alice@localhost", "--stun", "192.0.2.7"}))
                .hasMessageContaining("--direct");
    }

    @Test
    void emptyInterfaceNamesAreRefused() {
        assertThatThrownBy(() -> ChatOptions.parse(new String[] {"alice@localhost", "--direct", "eth0,,wlan0"}))
                .hasMessageContaining("--direct");
    }
}
