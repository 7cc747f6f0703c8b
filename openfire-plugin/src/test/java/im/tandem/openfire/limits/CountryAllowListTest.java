package im.tandem.openfire.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import im.tandem.openfire.config.PropertyReader;

class CountryAllowListTest {
    @Test
    void onlyNumbersOfAnAllowedCountryCodePass() {
        CountryAllowList list = load(" +49, +43 ,+44");
        assertThat(list.allows("+4915112345678")).isTrue();
        assertThat(list.allows("+436641234567")).isTrue();
        assertThat(list.allows("+447700900123")).isTrue();
        assertThat(list.allows("+33612345678")).isFalse();
        assertThat(list.describe()).isEqualTo("+49: Germany; +43: Austria; +44: United Kingdom, Guernsey, Jersey and"
                + " the Isle of Man");
    }

    @Test
    void plusOneAdmitsAllOfTheNorthAmericanNumberingPlanAndSaysSo() {
        CountryAllowList nanp = load("+1");
        assertThat(nanp.allows("+12025550143")).as("United States").isTrue();
        assertThat(nanp.allows("+14165550123")).as("Canada").isTrue();
        assertThat(nanp.allows("+18765550123")).as("Jamaica").isTrue();
        assertThat(nanp.allows("+16715550123")).as("Guam").isTrue();
        assertThat(nanp.allows("+71234567890")).isFalse();
        assertThat(nanp.admits()).containsExactly(
                "+1: United States, Canada and other NANP countries (most of the Caribbean, US Pacific territories)");
    }

    @Test
    void anEntryMustBeAWholeCountryCodeNotJustAPrefix() {
        CountryAllowList.Parsed parsed = CountryAllowList.parse("+4, +35, +4915, +210, +44");
        assertThat(parsed.list().allows("+4915112345678")).as("'+4' is no country code").isFalse();
        assertThat(parsed.list().allows("+351912345678")).as("'+35' does not admit Portugal").isFalse();
        assertThat(parsed.list().allows("+447700900123")).isTrue();
        assertThat(parsed.list().describe()).startsWith("+44: ");
        assertThat(parsed.rejected()).containsExactly("'+4' is no assigned country code",
                "'+35' is no assigned country code",
                "'+4915' is not a whole country code; its country code is +49 (Germany)",
                "'+210' is no assigned country code");
    }

    @Test
    void anEmptyListAllowsNothingAndSaysSo() {
        CountryAllowList none = load("");
        assertThat(none.allows("+4915112345678")).isFalse();
        assertThat(none.describe()).startsWith("none");
    }

    @Test
    void entriesThatAreNotCountryCodesAreLeftOut() {
        CountryAllowList list = load("49, +4x, +44");
        assertThat(list.allows("+4915112345678")).as("'49' lacks the plus and is ignored").isFalse();
        assertThat(list.allows("+447700900123")).isTrue();
        assertThat(list.admits()).hasSize(1);
        assertThatThrownBy(() -> CountryAllowList.of("+49", "+4")).hasMessageContaining("'+4' is no assigned");
    }

    private static CountryAllowList load(String value) {
        return CountryAllowList.load(new PropertyReader(Map.of(CountryAllowList.SMS_PROPERTY, value)::get),
                CountryAllowList.SMS_PROPERTY);
    }
}
