package im.tandem.openfire.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class DigestComposerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final List<DigestItem> ITEMS = List.of(
            new DigestItem("bob@example.org", "lunch?", T0),
            new DigestItem("carol@example.org", "<b>urgent</b> & important", T0.plusSeconds(60)),
            new DigestItem("bob@example.org", "at noon", T0.plusSeconds(120)));

    @Test
    void theEmailGroupsBySenderShowsLocalTimesAndCountsWhatItLeavesOut() {
        DigestComposer.EmailText email = DigestComposer.email("alice@example.org", 5, ITEMS, ZoneId.of("Europe/Berlin"));
        assertThat(email.subject()).isEqualTo("5 new messages for alice@example.org while you were away");
        assertThat(email.text()).contains("bob@example.org\n  12:00  lunch?\n  12:02  at noon\n")
                .contains("carol@example.org\n  12:01  <b>urgent</b> & important\n")
                .contains("...and 2 new messages more.");
        assertThat(email.html()).contains("&lt;b&gt;urgent&lt;/b&gt; &amp; important").doesNotContain("<b>urgent")
                .contains("<h3>bob@example.org</h3>");
    }

    @Test
    void theSmsFitsTheLimit() {
        assertThat(DigestComposer.sms(3, ITEMS, 160)).isEqualTo(
                "Tandem: 3 new messages. bob@example.org: lunch? (+1); carol@example.org: <b>urgent</b> & important");
        String cut = DigestComposer.sms(3, ITEMS, 40);
        assertThat(cut).hasSize(40).endsWith("...");
        assertThat(DigestComposer.sms(1, ITEMS.subList(0, 1), 160)).isEqualTo("Tandem: 1 new message. bob@example.org: lunch?");
    }

    @Test
    void anExcerptIsTheFirstLineCutToSize() {
        assertThat(DigestComposer.excerpt("\n  hello there  \nsecond line", 100)).isEqualTo("hello there");
        assertThat(DigestComposer.excerpt("abcdefghijklmnop", 10)).isEqualTo("abcdefg...");
    }
}
