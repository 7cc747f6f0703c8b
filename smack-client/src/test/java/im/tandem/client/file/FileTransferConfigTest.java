package im.tandem.client.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import im.tandem.client.file.transport.TransportMethod;

class FileTransferConfigTest {
    private static final FileTransferConfig DEFAULTS = FileTransferConfig.defaults();

    @Test
    void defaultsPreferTheDirectChannelThenTheProxyThenInBand() {
        assertThat(DEFAULTS.transports()).containsExactly(TransportMethod.ICE, TransportMethod.S5B,
                TransportMethod.IBB);
        assertThat(DEFAULTS.ibbBlockSize()).isEqualTo(4096);
    }

    @Test
    void inBandMustComeLastAndNoTransportTwice() {
        assertThatThrownBy(() -> DEFAULTS.withTransports(List.of(TransportMethod.IBB, TransportMethod.S5B)))
                .hasMessageContaining("ibb last");
        assertThatThrownBy(() -> DEFAULTS.withTransports(List.of(TransportMethod.S5B, TransportMethod.S5B)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> DEFAULTS.withTransports(List.of())).hasMessageContaining("at least one");
        assertThat(DEFAULTS.withTransports(List.of(TransportMethod.S5B)).transports())
                .containsExactly(TransportMethod.S5B);
    }

    @Test
    void eachValueIsCheckedNamingTheSetting() {
        assertThatThrownBy(() -> DEFAULTS.withIbbBlockSize(0)).hasMessageStartingWith("ibbBlockSize");
        assertThatThrownBy(() -> DEFAULTS.withIbbBlockSize(65536)).hasMessageStartingWith("ibbBlockSize");
        assertThatThrownBy(() -> DEFAULTS.withNegotiationTimeout(Duration.ZERO))
                .hasMessageStartingWith("negotiationTimeout");
        assertThatThrownBy(() -> DEFAULTS.withConfirmationTimeout(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("confirmationTimeout");
        assertThatThrownBy(() -> IncomingLimits.defaults().withMaxSize(-1)).hasMessageStartingWith("maxIncomingSize");
        assertThatThrownBy(() -> IncomingLimits.defaults().withPerContact(0)).hasMessageContaining("perContact");
        assertThatThrownBy(() -> IncomingLimits.defaults().withTotal(1)).hasMessageContaining("total");
        assertThatThrownBy(() -> DEFAULTS.withMaxS5bCandidates(0)).hasMessageStartingWith("maxS5bCandidates");
        assertThatThrownBy(() -> DEFAULTS.withTransferThreads(0)).hasMessageStartingWith("transferThreads");
    }

    @Test
    void transportListsAreReadByRouteName() {
        assertThat(TransportMethod.parseList("--file-transports", "s5b, IBB"))
                .containsExactly(TransportMethod.S5B, TransportMethod.IBB);
        assertThatThrownBy(() -> TransportMethod.parseList("--file-transports", "s5b,ftp"))
                .hasMessageStartingWith("--file-transports");
    }
}
