package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import im.tandem.client.notify.NotifyChannel;

class NotifyRequestTest {
    @Test
    void theChatProgramKnowsNotify() {
        assertThat(ChatInput.parse("/notify")).isEqualTo(new ChatInput.Notify(new NotifyRequest.Status()));
        assertThat(ChatInput.parse("  /notify email alice@example.org ")).isEqualTo(new ChatInput.Notify(
                new NotifyRequest.RequestCode(NotifyChannel.EMAIL, "alice@example.org")));
        assertThat(ChatInput.HELP).contains("/notify verify [email|sms|fax] CODE").contains("/notify fax +NUMBER");
    }

    @Test
    void addressesAndCodes() {
        assertThat(NotifyRequest.parse(" sms +49 151 1234-5678")).isEqualTo(
                new NotifyRequest.RequestCode(NotifyChannel.SMS, "+49 151 1234-5678"));
        assertThat(NotifyRequest.parse("verify 123456")).isEqualTo(
                new NotifyRequest.Verify(Optional.empty(), "123456"));
        assertThat(NotifyRequest.parse("verify SMS 123 456")).isEqualTo(
                new NotifyRequest.Verify(Optional.of(NotifyChannel.SMS), "123 456"));
        assertThat(NotifyRequest.parse("fax +49 30 123456")).isEqualTo(
                new NotifyRequest.RequestCode(NotifyChannel.FAX, "+49 30 123456"));
        assertThat(NotifyRequest.parse("verify fax 654321")).isEqualTo(
                new NotifyRequest.Verify(Optional.of(NotifyChannel.FAX), "654321"));
        assertThat(NotifyRequest.parse("channels email,fax")).isEqualTo(
                new NotifyRequest.Channels(Set.of(NotifyChannel.EMAIL, NotifyChannel.FAX)));
        assertThat(NotifyRequest.parse("off")).isEqualTo(new NotifyRequest.SwitchOff());
    }

    @Test
    void settings() {
        assertThat(NotifyRequest.parse("channels email,sms")).isEqualTo(
                new NotifyRequest.Channels(Set.of(NotifyChannel.EMAIL, NotifyChannel.SMS)));
        assertThat(NotifyRequest.parse("channels none")).isEqualTo(new NotifyRequest.Channels(Set.of()));
        assertThat(NotifyRequest.parse("holdoff 90s")).isEqualTo(new NotifyRequest.HoldOff(Duration.ofSeconds(90)));
        assertThat(NotifyRequest.parse("holdoff 5")).isEqualTo(new NotifyRequest.HoldOff(Duration.ofMinutes(5)));
        assertThat(NotifyRequest.parse("holdoff 1h")).isEqualTo(new NotifyRequest.HoldOff(Duration.ofHours(1)));
        assertThat(NotifyRequest.parse("digest off")).isEqualTo(new NotifyRequest.Digest(false));
        assertThat(NotifyRequest.parse("strangers on")).isEqualTo(new NotifyRequest.Strangers(true));
        assertThat(NotifyRequest.parse("away 10m")).isEqualTo(new NotifyRequest.Away(Optional.of(Duration.ofMinutes(10))));
        assertThat(NotifyRequest.parse("away off")).isEqualTo(new NotifyRequest.Away(Optional.empty()));
        assertThat(NotifyRequest.parse("quiet 22:00-07:30 Europe/Berlin")).isEqualTo(new NotifyRequest.Quiet(
                Optional.of(LocalTime.of(22, 0)), Optional.of(LocalTime.of(7, 30)),
                Optional.of(ZoneId.of("Europe/Berlin"))));
        assertThat(NotifyRequest.parse("quiet 22:00-07:30")).isEqualTo(new NotifyRequest.Quiet(
                Optional.of(LocalTime.of(22, 0)), Optional.of(LocalTime.of(7, 30)), Optional.empty()));
        assertThat(NotifyRequest.parse("quiet off")).isEqualTo(
                new NotifyRequest.Quiet(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void mistakesSayWhatIsExpected() {
        assertThatThrownBy(() -> NotifyRequest.parse("email")).hasMessage("usage: /notify email ADDRESS");
        assertThatThrownBy(() -> NotifyRequest.parse("email a@b.org c@d.org")).hasMessage("usage: /notify email ADDRESS");
        assertThatThrownBy(() -> NotifyRequest.parse("verify sms"))
                .hasMessage("usage: /notify verify [email|sms|fax] CODE");
        assertThatThrownBy(() -> NotifyRequest.parse("fax")).hasMessage("usage: /notify fax +NUMBER");
        assertThatThrownBy(() -> NotifyRequest.parse("channels email,pigeon")).hasMessage(
                "'pigeon' is not a channel: /notify channels takes email, sms, fax, a list such as email,sms, or none");
        assertThatThrownBy(() -> NotifyRequest.parse("holdoff soon"))
                .hasMessage("'soon' is not a duration such as 90s, 5m, 1h or 5 (minutes)");
        assertThatThrownBy(() -> NotifyRequest.parse("digest maybe")).hasMessage("usage: /notify digest on|off");
        assertThatThrownBy(() -> NotifyRequest.parse("away")).hasMessage("usage: /notify away DURATION|off");
        assertThatThrownBy(() -> NotifyRequest.parse("quiet 24:00-07:00"))
                .hasMessage("'24:00' is not a time of day as HH:MM (00:00 to 23:59)");
        assertThatThrownBy(() -> NotifyRequest.parse("quiet 22:00"))
                .hasMessageStartingWith("'22:00' is not a period such as 22:00-07:00");
        assertThatThrownBy(() -> NotifyRequest.parse("quiet 22:00-07:00 Mars/Olympus"))
                .hasMessage("'Mars/Olympus' is not a time zone; use a name such as Europe/Berlin or UTC");
        assertThatThrownBy(() -> NotifyRequest.parse("off now")).hasMessage("usage: /notify off (it takes nothing after it)");
        assertThatThrownBy(() -> NotifyRequest.parse("pager 555")).hasMessage("unknown /notify request 'pager'; /help lists them");
    }

    @Test
    void theStatusReadsAsWordsOnATerminal() {
        ChatEvent status = ChatEvent.of("notify", "status", "email=alice@example.org", "channels=email");
        assertThat(TerminalScreen.describe(status))
                .isEqualTo("Offline delivery by email/SMS: email alice@example.org, channels email");
        assertThat(TerminalScreen.describe(ChatEvent.withText("notify", "code: wrong", "refused")))
                .isEqualTo("! Offline delivery: code: wrong");
    }
}
