package im.tandem.openfire.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MaskedSettingsTest {
    @Test
    void onlyTandemsPropertiesWithSecretsAndUrlQueriesMasked() {
        Map<String, String> values = Map.of(
                "tandem.turn.secret", "s3cret",
                "tandem.notify.sms.http.password", "pw",
                "tandem.notify.sms.http.url", "https://sms.example/send?key=abc",
                "tandem.turn.credential-lifetime", "3600",
                "mail.smtp.password", "not ours");

        Map<String, String> shown = MaskedSettings.of(List.copyOf(values.keySet()), values::get);

        assertThat(shown).containsOnlyKeys("tandem.turn.secret", "tandem.notify.sms.http.password",
                "tandem.notify.sms.http.url", "tandem.turn.credential-lifetime");
        assertThat(shown.get("tandem.turn.secret")).isEqualTo(MaskedSettings.MASK);
        assertThat(shown.get("tandem.notify.sms.http.password")).isEqualTo(MaskedSettings.MASK);
        assertThat(shown.get("tandem.notify.sms.http.url")).isEqualTo("https://sms.example/send?" + MaskedSettings.MASK);
        assertThat(shown.get("tandem.turn.credential-lifetime")).isEqualTo("3600");
        assertThat(shown.values()).noneMatch(value -> value.contains("s3cret") || value.contains("abc"));
    }
}
