package im.tandem.client.file;

import static im.tandem.client.file.transport.TransportMethod.IBB;
import static im.tandem.client.file.transport.TransportMethod.ICE;
import static im.tandem.client.file.transport.TransportMethod.S5B;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FileOffersTest {
    @Test
    void aFileWithContentKeepsOurOrder() {
        assertThat(FileOffers.plan(List.of(ICE, S5B, IBB), 1)).containsExactly(ICE, S5B, IBB);
    }

    @Test
    void anEmptyFileGoesInBandFirstAndKeepsTheRestAsFallback() {
        assertThat(FileOffers.plan(List.of(ICE, S5B, IBB), 0)).containsExactly(IBB, ICE, S5B);
        assertThat(FileOffers.plan(List.of(S5B, IBB), 0)).containsExactly(IBB, S5B);
    }

    @Test
    void anEmptyFileStaysOnTheChosenTransportsWhenInBandIsNotAmongThem() {
        assertThat(FileOffers.plan(List.of(S5B), 0)).containsExactly(S5B);
        assertThat(FileOffers.plan(List.of(ICE), 0)).containsExactly(ICE);
    }
}
