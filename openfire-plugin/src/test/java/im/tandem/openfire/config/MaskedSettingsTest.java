package im.tandem.openfire.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MaskedSettingsTest {
    private static final String URL = "tandem.notify.sms.http.url";
    private static final String MASK = MaskedSettings.MASK;

    @Test
    void onlyTandemsPropertiesWithSecretsAndUrlQueriesMasked() {
        Map<String, String> values = Map.of(
                "tandem.turn.secret", "s3cret",
                "tandem.notify.sms.http.password", "pw",
                URL, "https://sms.example/send?key=abc",
                "tandem.turn.credential-lifetime", "3600",
                "mail.smtp.password", "not ours");

        Map<String, String> shown = MaskedSettings.of(List.copyOf(values.keySet()), values::get);

        assertThat(shown).containsOnlyKeys("tandem.turn.secret", "tandem.notify.sms.http.password", URL,
                "tandem.turn.credential-lifetime");
        assertThat(shown.get("tandem.turn.secret")).isEqualTo(MASK);
        assertThat(shown.get("tandem.notify.sms.http.password")).isEqualTo(MASK);
        assertThat(shown.get(URL)).isEqualTo("https://sms.example/" + MASK);
        assertThat(shown.get("tandem.turn.credential-lifetime")).isEqualTo("3600");
        assertThat(shown.values()).noneMatch(value -> value.contains("s3cret") || value.contains("abc"));
    }

    @Test
    void aUrlShowsSchemeHostAndPortButNeitherCredentialsNorPathNorQueryNorFragment() {
        assertThat(MaskedSettings.shown(URL, "https://user:pa55@gw.example:8443/send"))
                .isEqualTo("https://" + MASK + "@gw.example:8443/" + MASK);
        assertThat(MaskedSettings.shown(URL, "https://gw.example/api/k3y-in-path/send"))
                .isEqualTo("https://gw.example/" + MASK);
        assertThat(MaskedSettings.shown(URL, "http://gw.example#k3y")).isEqualTo("http://gw.example/" + MASK);
        assertThat(MaskedSettings.shown(URL, " https://gw.example/ ")).isEqualTo("https://gw.example");
    }

    @Test
    void aUrlUnderAnyNameIsMasked() {
        assertThat(MaskedSettings.shown("tandem.some.endpoint", "https://u:pa55@gw.example/x"))
                .isEqualTo("https://" + MASK + "@gw.example/" + MASK);
    }

    @Test
    void aUrlSettingThatIsNoValidUrlIsNotShownAtAll() {
        assertThat(MaskedSettings.shown(URL, "https://gw.example/send?key=a b|c")).isEqualTo(MaskedSettings.INVALID_URL);
        assertThat(MaskedSettings.shown(URL, "gw.example/k3y")).isEqualTo(MaskedSettings.INVALID_URL);
        assertThat(MaskedSettings.shown(URL, "user:pa55@gw.example")).isEqualTo(MaskedSettings.INVALID_URL);
    }

    @Test
    void anEmailToFaxAddressShowsOnlyItsPlaceholderSinceItsLocalPartMayHoldAKey() {
        assertThat(MaskedSettings.shown("tandem.notify.fax.email.address", "{number}.k3y@fax.example.net"))
                .isEqualTo(MASK + " (uses {number})");
    }

    @Test
    void aTemplateShowsOnlyThePlaceholdersItUses() {
        assertThat(MaskedSettings.shown("tandem.notify.sms.http.template", "api_key=k3y&to={to}&text={text}"))
                .isEqualTo(MASK + " (uses {to}, {text})");
        assertThat(MaskedSettings.shown("tandem.notify.sms.http.template", "{\"key\":\"k3y\"}")).isEqualTo(MASK);
    }

    @Test
    void keysAndTokensAreSecretsByName() {
        assertThat(MaskedSettings.shown("tandem.notify.sms.http.apikey", "k3y")).isEqualTo(MASK);
        assertThat(MaskedSettings.shown("tandem.notify.sms.http.token", "t0ken")).isEqualTo(MASK);
    }

    @Test
    void plainValuesAndUnsetOnesAreShownAsTheyAre() {
        assertThat(MaskedSettings.shown("tandem.turn.address", "turn.example:3478")).isEqualTo("turn.example:3478");
        assertThat(MaskedSettings.shown(URL, null)).isNull();
    }
}
