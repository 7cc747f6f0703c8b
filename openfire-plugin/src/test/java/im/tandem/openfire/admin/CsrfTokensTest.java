package im.tandem.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {
    @Test
    void tokensAreLongAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = CsrfTokens.newToken();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void onlyTheSameTokenMatches() {
        String token = CsrfTokens.newToken();
        assertThat(CsrfTokens.matches(token, token)).isTrue();
        assertThat(CsrfTokens.matches(token, CsrfTokens.newToken())).isFalse();
        assertThat(CsrfTokens.matches(token, token.substring(1))).isFalse();
        assertThat(CsrfTokens.matches(token, null)).isFalse();
        assertThat(CsrfTokens.matches(null, token)).isFalse();
        assertThat(CsrfTokens.matches(null, null)).isFalse();
    }
}
