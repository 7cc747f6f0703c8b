package im.tandem.openfire.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CountryCodesTest {
    @Test
    void aNumberHasTheCountryCodeItStartsWith() {
        assertThat(CountryCodes.of("+4915112345678")).contains("49");
        assertThat(CountryCodes.of("+12025550143")).contains("1");
        assertThat(CountryCodes.of("+79161234567")).contains("7");
        assertThat(CountryCodes.of("+351912345678")).contains("351");
        assertThat(CountryCodes.of("+881612345678")).contains("881");
        assertThat(CountryCodes.of("+2101234567")).as("210 is not assigned").isEmpty();
        assertThat(CountryCodes.reaches("881")).hasValueSatisfying(text -> assertThat(text).contains("not a country"));
    }

    /** What makes a number's country code unambiguous, and the allow-list's matching sound. */
    @Test
    void noCodeStartsAnother() {
        Map<String, String> all = CountryCodes.all();
        assertThat(all).hasSizeGreaterThan(200).containsKeys("1", "7", "20", "27", "44", "49", "86", "998");
        for (String code : all.keySet()) {
            for (String other : all.keySet()) {
                if (!code.equals(other)) {
                    assertThat(other).as("%s and %s", code, other).doesNotStartWith(code);
                }
            }
        }
    }
}
