package im.tandem.it.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import im.tandem.it.lab.NatKind;

class DemoCommandTest {
    @Test
    void kindsAreNamedAsTheReadmeNamesThem() {
        DemoCommand.NatKindConverter converter = new DemoCommand.NatKindConverter();
        assertThat(converter.convert("port-restricted-cone")).isEqualTo(NatKind.PORT_RESTRICTED_CONE);
        assertThat(converter.convert("udp-blocked")).isEqualTo(NatKind.UDP_BLOCKED);
        assertThat(DemoCommand.name(NatKind.FULL_CONE)).isEqualTo("full-cone");
        assertThatThrownBy(() -> converter.convert("carrier-grade"))
                .hasMessageContaining("'carrier-grade' is not a NAT kind; use one of none, full-cone");
    }

    @Test
    void theColumnsKeepTheirWidthAndCutWhatIsLonger() {
        assertThat(SideBySide.row("left", "right")).isEqualTo("left" + " ".repeat(SideBySide.COLUMN - 4) + " | right");
        String cut = SideBySide.row("x".repeat(100), "");
        assertThat(cut).isEqualTo("x".repeat(SideBySide.COLUMN - 1) + "… |");
    }
}
