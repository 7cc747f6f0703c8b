package im.tandem.openfire.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.config.PropertyReader;

class SmsAllowListTest {
    @Test
    void onlyNumbersStartingWithAnAllowedPrefixPass() {
        SmsAllowList list = load(" +49, +43 ,+1");
        assertThat(list.allows("+4915112345678")).isTrue();
        assertThat(list.allows("+12025550143")).isTrue();
        assertThat(list.allows("+33612345678")).isFalse();
        assertThat(list.describe()).isEqualTo("+49, +43, +1");
    }

    @Test
    void anEmptyListAllowsNothingAndSaysSo() {
        SmsAllowList none = load("");
        assertThat(none.allows("+4915112345678")).isFalse();
        assertThat(none.describe()).startsWith("none");
    }

    @Test
    void entriesThatAreNotPrefixesAreLeftOut() {
        SmsAllowList list = load("49, +4x, +44");
        assertThat(list.allows("+4915112345678")).as("'49' lacks the plus and is ignored").isFalse();
        assertThat(list.allows("+447700900123")).isTrue();
        assertThat(list.describe()).isEqualTo("+44");
    }

    private static SmsAllowList load(String value) {
        return SmsAllowList.load(new PropertyReader(Map.of(SmsAllowList.PROPERTY, value)::get));
    }
}
