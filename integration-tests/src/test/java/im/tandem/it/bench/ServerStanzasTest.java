package im.tandem.it.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Counting the stanzas two bench peers sent through the server within a window. */
class ServerStanzasTest {

    @Test
    void countsBothPeersLinesWithinTheWindowByKindMostFrequentFirst() {
        List<String> measuring = List.of("SERVER-STANZA 99 presence-available", "SERVER-STANZA 100 iq-set(jingle)",
                "SERVER-STANZA 150 message(body)", "SERVER-STANZA 201 iq-result");
        List<String> echo = List.of("SERVER-STANZA 120 iq-result", "SERVER-STANZA 130 iq-set(jingle)",
                "SERVER-STANZA 200 iq-set(jingle)");

        ServerStanzas counted = ServerStanzas.within(100, 200, measuring, echo);

        assertThat(counted.total()).isEqualTo(5);
        assertThat(counted.describe()).isEqualTo("3 iq-set(jingle), 1 iq-result, 1 message(body)");
    }

    @Test
    void aWindowWithoutStanzasSaysNone() {
        ServerStanzas counted = ServerStanzas.within(100, 200, List.of("SERVER-STANZA 50 iq-result"), List.of());

        assertThat(counted.total()).isZero();
        assertThat(counted.describe()).isEqualTo("none");
    }
}
