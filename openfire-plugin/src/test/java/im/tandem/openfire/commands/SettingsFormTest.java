package im.tandem.openfire.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.notify.NotifySettings;
import im.tandem.openfire.notify.QuietHours;
import im.tandem.openfire.notify.UserDefaults;

class SettingsFormTest {
    private static final UserDefaults BOUNDS = new UserDefaults(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofHours(1), ZoneId.of("UTC"));
    private static final NotifySettings CURRENT = new NotifySettings("alice", Optional.of("alice@example.org"),
            Optional.empty(), Optional.empty(), Set.of(DeliveryChannel.EMAIL), Duration.ofSeconds(60), true, Optional.empty(),
            ZoneId.of("UTC"), false, Optional.empty());

    @Test
    void validValuesReplaceTheCurrentOnes() {
        FormInput input = new FormInput(Map.of("channels", List.of(), "holdoff", List.of("300"), "digest", List.of("0"),
                "quiet_start", List.of("22:30"), "quiet_end", List.of("06:00"), "timezone", List.of("Europe/Vienna"),
                "sms_non_contacts", List.of("true"), "away", List.of("900")));
        NotifySettings updated = SettingsForm.read(input, CURRENT, BOUNDS);
        assertThat(input.problems()).isEmpty();
        assertThat(updated.channels()).as("an empty list switches every channel off").isEmpty();
        assertThat(updated.holdOff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(updated.digest()).isFalse();
        assertThat(updated.quietHours()).contains(new QuietHours(LocalTime.of(22, 30), LocalTime.of(6, 0)));
        assertThat(updated.zone()).isEqualTo(ZoneId.of("Europe/Vienna"));
        assertThat(updated.paidFromNonContacts()).isTrue();
        assertThat(updated.whenAway()).contains(Duration.ofMinutes(15));
        assertThat(SettingsForm.read(new FormInput(Map.of("away", List.of("0"))), updated, BOUNDS).whenAway())
                .as("0 switches relaying while away off").isEmpty();
        assertThat(updated.email()).as("addresses are never set by this form").contains("alice@example.org");
    }

    @Test
    void fieldsLeftOutKeepTheirValues() {
        FormInput input = new FormInput(Map.of("digest", List.of("0")));
        NotifySettings updated = SettingsForm.read(input, CURRENT, BOUNDS);
        assertThat(input.problems()).isEmpty();
        assertThat(updated).isEqualTo(CURRENT.withChoices(CURRENT.channels(), CURRENT.holdOff(), false,
                CURRENT.quietHours(), CURRENT.zone(), CURRENT.paidFromNonContacts(), CURRENT.whenAway()));
    }

    @Test
    void everyBadFieldIsReportedByName() {
        FormInput input = new FormInput(Map.of("channels", List.of("sms", "pigeon"), "holdoff", List.of("5"),
                "digest", List.of("maybe"), "quiet_start", List.of("22:00"), "quiet_end", List.of("22:00"),
                "timezone", List.of("Nowhere/Special"), "away", List.of("-5")));
        SettingsForm.read(input, CURRENT, BOUNDS);
        assertThat(input.problems()).containsExactlyInAnyOrder(
                "channels: sms has no verified address yet; set one with the address command first",
                "channels: 'pigeon' is not a channel; choose email, sms or fax",
                "holdoff: must be a whole number of seconds from 10 to 3600, got '5'",
                "digest: must be true or false (1 or 0), got 'maybe'",
                "quiet_end: must differ from quiet_start (22:00)",
                "timezone: 'Nowhere/Special' is not a time zone; use a name such as Europe/Berlin or UTC",
                "away: must be 0 (off) or a whole number of seconds from 1 to 86400, got '-5'");
    }

    @Test
    void theFormShowsTheCurrentValuesAndWhichAddressesAreVerified() {
        Element command = DocumentHelper.createElement("command");
        SettingsForm.write(command, "Offline delivery: settings", CURRENT, BOUNDS);
        String xml = command.asXML();
        assertThat(xml).contains("<x xmlns=\"jabber:x:data\" type=\"form\">")
                .contains("<field var=\"FORM_TYPE\" type=\"hidden\"><value>https://tandem.im/ns/notify</value>")
                .contains("label=\"Email (alice@example.org)\"").contains("label=\"SMS (not verified)\"")
                .contains("<field var=\"holdoff\" type=\"text-single\" label=\"Wait this many seconds first (10 to 3600)\">"
                        + "<value>60</value>");
    }
}
