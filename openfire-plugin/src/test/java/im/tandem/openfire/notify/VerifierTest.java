package im.tandem.openfire.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.testing.TestClock;
import im.tandem.openfire.testing.TestDatabase;

class VerifierTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final List<String[]> outbox = new ArrayList<>();
    private SettingsStore settings;
    private Verifier verifier;
    private boolean transportReady = true;
    private LimitConfig limits;

    @BeforeEach
    void setUp() throws Exception {
        TestDatabase database = TestDatabase.create();
        settings = new SettingsStore(database, clock);
        limits = new LimitConfig(Duration.ofMinutes(10), 3, 4, 2, 50, 10, 60, 200, 100, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
        UserDefaults defaults = new UserDefaults(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofDays(1),
                UserDefaults.DEFAULT_ZONE);
        verifier = new Verifier(settings, new VerificationStore(database), new RateLimiter(database),
                (username, channel, destination, subject, body) -> outbox.add(new String[] {username, channel.id(),
                        destination, subject, body}),
                () -> limits, () -> defaults, channel -> transportReady, clock);
    }

    @Test
    void theRightCodeVerifiesTheAddressAndSwitchesTheChannelOn() throws Exception {
        VerificationReply sent = verifier.requestCode("alice", DeliveryChannel.EMAIL, " alice@Example.org ");
        assertThat(sent.ok()).isTrue();
        assertThat(sent.text()).isEqualTo("A 6-digit code is on its way to alice@example.org; it is valid for 10 minutes."
                + " Enter it with the verify command.");
        String[] mail = outbox.get(0);
        assertThat(mail[2]).isEqualTo("alice@example.org");
        String code = mail[3].replaceAll(".*: ", "");
        assertThat(mail[4]).contains(code);

        assertThat(verifier.confirm("alice", DeliveryChannel.EMAIL, code.substring(0,
        3) + " " + code.substring(3)).ok()).isTrue();
        NotifySettings alice = settings.find("alice").orElseThrow();
        assertThat(alice.email()).contains("alice@example.org");
        assertThat(alice.active(DeliveryChannel.EMAIL)).isTrue();
        assertThat(verifier.confirm("alice", DeliveryChannel.EMAIL, code).text()).as("a code works once")
                .startsWith("No code is waiting for email");
    }

    @Test
    void wrongCodesCountDownAndExpiredCodesAreRefused() throws Exception {
        verifier.requestCode("alice", DeliveryChannel.SMS, "+49 151 12345678");
        String code = outbox.get(0)[4].replaceAll("Tandem code: ([0-9]{6}).*", "$1");
        String wrong = code.equals("999999") ? "000000" : "999999";
        assertThat(verifier.confirm("alice", DeliveryChannel.SMS,
                wrong).text()).isEqualTo("Wrong code; 2 attempts left.");
        assertThat(verifier.confirm("alice", DeliveryChannel.EMAIL, code).text()).as("codes are per channel")
                .startsWith("No code is waiting for email");
        assertThat(verifier.confirm("bob", DeliveryChannel.SMS, code).text()).as("and per account")
                .startsWith("No code is waiting for sms");
        clock.advance(Duration.ofMinutes(10));
        assertThat(verifier.confirm("alice", DeliveryChannel.SMS,
                code).text()).isEqualTo("The code has expired; ask for a new one.");
        assertThat(settings.find("alice")).isEmpty();
    }

    @Test
    void aFaxNumberIsVerifiedByACodeOnTheFirstLineOfThePageWithinTheFaxAllowListAndTransport() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 3, 4, 2, 50, 10, 60, 200, 100, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+43"));
        assertThat(verifier.requestCode("alice", DeliveryChannel.FAX, "+4930123456").text())
                .isEqualTo("A fax to +4930123456 is not allowed on this server; allowed country codes: +43: Austria");
        assertThat(verifier.requestCode("alice", DeliveryChannel.FAX, "+43 1 234567").ok()).isTrue();
        String[] queued = outbox.get(0);
        assertThat(queued[1]).isEqualTo("fax");
        assertThat(queued[2]).isEqualTo("+431234567");
        String code = queued[4].lines().findFirst().orElseThrow();
        assertThat(code).matches("[0-9]{6}");
        assertThat(verifier.confirm("alice", DeliveryChannel.FAX, code).ok()).isTrue();
        NotifySettings alice = settings.find("alice").orElseThrow();
        assertThat(alice.fax()).contains("+431234567");
        assertThat(alice.phone()).as("the fax number is not the SMS number").isEmpty();
        assertThat(alice.active(DeliveryChannel.FAX)).isTrue();

        transportReady = false;
        assertThat(verifier.requestCode("bob", DeliveryChannel.FAX, "+431234568").text())
                .isEqualTo("Fax is not available on this server: the admin has not set up a fax transport");
    }

    @Test
    void smsNeedsATransportAndAnAllowedCountry() throws Exception {
        assertThat(verifier.requestCode("alice", DeliveryChannel.SMS, "+33612345678").text())
                .isEqualTo("SMS to +33612345678 is not allowed on this server; allowed country codes: +49: Germany");
        transportReady = false;
        assertThat(verifier.requestCode("alice", DeliveryChannel.SMS, "+4915112345678").text())
                .startsWith("SMS is not available on this server");
        assertThat(verifier.requestCode("alice", DeliveryChannel.SMS,
                "12345").text()).startsWith("address: '12345' needs the country code");
        assertThat(outbox).isEmpty();
    }

    @Test
    void codeRequestsAreLimitedPerAccountAndPerDestination() throws Exception {
        assertThat(verifier.requestCode("alice", DeliveryChannel.EMAIL, "x@example.org").ok()).isTrue();
        assertThat(verifier.requestCode("bob", DeliveryChannel.EMAIL, "x@example.org").ok()).isTrue();
        assertThat(verifier.requestCode("carol", DeliveryChannel.EMAIL, "x@example.org").text())
                .isEqualTo("Too many codes to x@example.org (at most 2 per hour); try again in 60 minutes.");
        assertThat(verifier.requestCode("alice", DeliveryChannel.EMAIL, "a2@example.org").ok()).isTrue();
        assertThat(verifier.requestCode("alice", DeliveryChannel.EMAIL, "a3@example.org").ok()).isTrue();
        assertThat(verifier.requestCode("alice", DeliveryChannel.EMAIL, "a4@example.org").ok()).isTrue();
        clock.advance(Duration.ofMinutes(15));
        assertThat(verifier.requestCode("alice", DeliveryChannel.EMAIL, "a5@example.org").text())
                .isEqualTo("Too many codes for this account (at most 4 per hour); try again in 45 minutes.");
        assertThat(outbox).hasSize(5);
    }

    @Test
    void anEmailAddressIsLimitedAsOneWhateverTheCaseItIsTypedIn() throws Exception {
        assertThat(verifier.requestCode("alice", DeliveryChannel.EMAIL, "Victim@example.org").ok()).isTrue();
        assertThat(verifier.requestCode("bob", DeliveryChannel.EMAIL, "victim@EXAMPLE.org").ok()).isTrue();
        assertThat(verifier.requestCode("carol", DeliveryChannel.EMAIL, "VICTIM@example.org").text())
                .isEqualTo("Too many codes to VICTIM@example.org (at most 2 per hour); try again in 60 minutes.");
        assertThat(outbox).hasSize(2);
    }

    @Test
    void smsCodesDrawOnTheServersDailySmsBudget() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 3, 4, 2, 50, 10, 60, 200, 2, 50,
                CountryAllowList.of("+49"), 3, CountryAllowList.of("+49"));
        assertThat(verifier.requestCode("alice", DeliveryChannel.SMS, "+4915112345671").ok()).isTrue();
        assertThat(verifier.requestCode("bob", DeliveryChannel.SMS, "+4915112345672").ok()).isTrue();
        assertThat(verifier.requestCode("carol", DeliveryChannel.SMS, "+4915112345673").text())
                .isEqualTo("Too many SMS from this server (at most 2 per day); try again in 24 hours.");
        assertThat(verifier.requestCode("carol", DeliveryChannel.EMAIL, "carol@example.org").ok())
                .as("email is not in the SMS budget").isTrue();
        clock.advance(Duration.ofHours(23));
        assertThat(verifier.requestCode("carol", DeliveryChannel.SMS, "+4915112345673").text())
                .endsWith("try again in 60 minutes.");
    }

    @Test
    void smsCodesDrawOnTheDailyBudgetOfTheNumbersCountry() throws Exception {
        limits = new LimitConfig(Duration.ofMinutes(10), 3, 4, 2, 50, 10, 60, 200, 100, 1,
                CountryAllowList.of("+49", "+43"), 3, CountryAllowList.of("+49"));
        assertThat(verifier.requestCode("alice", DeliveryChannel.SMS, "+4915112345671").ok()).isTrue();
        assertThat(verifier.requestCode("bob", DeliveryChannel.SMS, "+4915112345672").text())
                .isEqualTo("Too many SMS to +49 (Germany) (at most 1 per day); try again in 24 hours.");
        assertThat(verifier.requestCode("bob", DeliveryChannel.SMS, "+436641234567").ok())
                .as("another country has its own budget").isTrue();
    }
}
