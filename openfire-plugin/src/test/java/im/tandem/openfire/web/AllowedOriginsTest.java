package im.tandem.openfire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {
    @Test
    void listedOriginsAreAllowedWhateverTheirCaseAndOthersAreNot() {
        AllowedOrigins origins = AllowedOrigins.parse("https://Shop.example, http://127.0.0.1:8080", new ArrayList<>());

        assertThat(origins.allows("https://shop.example")).isTrue();
        assertThat(origins.allows("http://127.0.0.1:8080")).isTrue();
        assertThat(origins.allows("https://evil.example")).isFalse();
        assertThat(origins.allows("null")).isFalse();
        assertThat(origins.allows(null)).isFalse();
    }

    @Test
    void anEntryThatIsNotAnOriginIsLeftOutAndReported() {
        List<String> rejected = new ArrayList<>();

        AllowedOrigins origins = AllowedOrigins.parse("* https://shop.example/path https://ok.example", rejected);

        assertThat(origins.origins()).containsExactly("https://ok.example");
        assertThat(rejected).containsExactly("*", "https://shop.example/path");
    }

    @Test
    void withNothingListedOnlyTheChatsOwnOriginMayFrameThePage() {
        assertThat(AllowedOrigins.parse(AllowedOrigins.DEFAULT, new ArrayList<>()).frameAncestors()).isEqualTo("'self'");
        assertThat(AllowedOrigins.parse("https://a.example https://b.example", new ArrayList<>()).frameAncestors())
                .isEqualTo("'self' https://a.example https://b.example");
    }
}
