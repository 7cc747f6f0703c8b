package im.tandem.it.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RandomLossTest {

    @Test
    void onePerCentDropsAHundredInTenThousandForwardedPacketsInATableOfItsOwn() {
        String script = RandomLoss.script(100);

        assertThat(script).startsWith("add table ip natlab_loss\ndelete table ip natlab_loss\n")
                .contains("type filter hook forward priority filter - 10; policy accept;")
                .contains("numgen random mod 10000 < 100 drop");
    }

    @Test
    void aProbabilityOutsideNoneToAllIsRefusedSayingWhy() {
        assertThatThrownBy(() -> RandomLoss.script(10_001)).hasMessageContaining("between 0 and 10000");
        assertThatThrownBy(() -> RandomLoss.script(-1)).hasMessageContaining("between 0 and 10000");
    }
}
