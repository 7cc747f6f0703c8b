package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.client.notify.SettingsChange;
import im.tandem.it.openfire.OpenfireExtension;

/** The settings commands through a real Openfire: discovery, validation, ownership, limits. */
@Tag("server")
class NotifyCommandsTest {
    static final MailServer MAIL = MailServer.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings(MAIL)
            .property("admin.authorizedJIDs", "boss@localhost")
            .property("tandem.notify.code.perAccountPerHour", "3")
            .property("tandem.notify.code.perDestinationPerHour", "2")
            .property("tandem.notify.code.attempts", "3")
            .user("alice", "alice-pw").user("bob", "bob-pw").user("erin", "erin-pw").user("frank", "frank-pw")
            .user("gina", "gina-pw").user("hank", "hank-pw").user("boss", "boss-pw").build());

    @AfterAll
    static void stopMail() {
        MAIL.close();
    }

    @Test
    void usersAreOfferedTheirCommandsAndOnlyAdminsTheAdminOnes() throws Exception {
        List<String> user = offered("alice");
        assertThat(user).contains(NotifySettingsClient.STATUS, NotifySettingsClient.SETTINGS,
                NotifySettingsClient.ADDRESS, NotifySettingsClient.VERIFY, NotifySettingsClient.OFF)
                .doesNotContain(NotifySettingsClient.QUEUE, NotifySettingsClient.FAILED);
        assertThat(offered("boss")).contains(NotifySettingsClient.QUEUE, NotifySettingsClient.FAILED);
    }

    /** Clients (Gajim, Psi, ours) list commands by the name disco#items gives: none may be blank. */
    @Test
    void everyCommandIsListedWithItsName() throws Exception {
        try (TandemClient boss = OPENFIRE.login("boss")) {
            DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(boss.connection())
                    .discoverItems(boss.connection().getXMPPServiceDomain(), AdHocCommandManager.NAMESPACE);
            Map<String, String> names = items.getItems().stream()
                    .filter(item -> item.getNode().startsWith("https://tandem.im/ns/"))
                    .collect(Collectors.toMap(DiscoverItems.Item::getNode, item -> String.valueOf(item.getName())));

            assertThat(names).containsEntry(NotifySettingsClient.SETTINGS, "Offline delivery: settings")
                    .containsEntry(NotifySettingsClient.QUEUE, "Offline delivery: queue (admin)")
                    .containsEntry("https://tandem.im/ns/admin#server-status", "Tandem: STUN server and settings (admin)")
                    .hasSize(8);
            assertThat(names.values()).allSatisfy(name -> assertThat(name).isNotBlank().isNotEqualTo("null"));
        }
    }

    @Test
    void malformedSettingsGetAnErrorPerFieldAndChangeNothing() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            NotifySettingsClient notify = new NotifySettingsClient(alice.connection());
            CommandOutcome outcome = notify.update(new SettingsChange()
                    .field("holdoff", List.of("abc"))
                    .field("timezone", List.of("Mars/Olympus"))
                    .field("quiet_start", List.of("25:99"))
                    .field("quiet_end", List.of("07:00"))
                    .channels(Set.of(NotifyChannel.SMS)));
            assertThat(outcome.errors()).contains(
                    "holdoff: must be a whole number of seconds from 1 to 86400, got 'abc'",
                    "timezone: 'Mars/Olympus' is not a time zone; use a name such as Europe/Berlin or UTC",
                    "quiet_start: must be a time of day as HH:MM (00:00 to 23:59), got '25:99'",
                    "channels: sms has no verified address yet; set one with the address command first",
                    "Nothing was changed.");
            CommandOutcome onlyOne = notify.update(new SettingsChange().field("quiet_start", List.of("22:00"))
                    .field("quiet_end", List.of("")));
            assertThat(onlyOne.errors()).contains("quiet_end: give both quiet-hour times, or leave both empty");

            CommandOutcome status = notify.status();
            assertThat(status.ok()).isTrue();
            assertThat(status.field("holdoff")).isEqualTo(Long.toString(RelayServer.HOLD_OFF.toSeconds()));
            assertThat(status.field("timezone")).isEqualTo("UTC");
            assertThat(status.field("quiet_start")).isEmpty();
        }
    }

    @Test
    void malformedAddressesAndCodesGetClearErrors() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            NotifySettingsClient notify = new NotifySettingsClient(alice.connection());
            assertThat(notify.requestCode(NotifyChannel.EMAIL, "not-an-email").errors()).containsExactly(
                    "address: 'not-an-email' is not an email address: it needs one @ between a name and a domain,"
                            + " such as alice@example.org");
            assertThat(notify.requestCode(NotifyChannel.EMAIL, "alice@localhost").errors()).containsExactly(
                    "address: 'localhost' is not a mail domain: it needs a dot, as in example.org");
            assertThat(notify.requestCode(NotifyChannel.SMS, "0151 1234567").errors()).containsExactly(
                    "address: '0151 1234567' needs the country code with a +, as in +4915112345678 (E.164)");
            assertThat(notify.requestCode(NotifyChannel.SMS, "+0151234567").errors()).containsExactly(
                    "address: '+0151234567' is not an E.164 number: after the + come 7 to 15 digits, the first not 0");
            assertThat(notify.verify(NotifyChannel.EMAIL, "12ab").errors()).containsExactly(
                    "code: the code is the 6 digits that were sent to you");
            assertThat(notify.verify(NotifyChannel.SMS, "123456").errors()).containsExactly(
                    "No code is waiting for sms; ask for one with the address command first.");
            assertThat(MAIL.receivedBy("localhost")).as("nothing was sent").isEmpty();
        }
    }

    @Test
    void aCodeWorksOnlyForTheAccountThatAskedForItAndOnlyAdminsSeeTheQueue() throws Exception {
        try (TandemClient hank = OPENFIRE.login("hank"); TandemClient bob = OPENFIRE.login("bob")) {
            NotifySettingsClient hanks = new NotifySettingsClient(hank.connection());
            NotifySettingsClient bobs = new NotifySettingsClient(bob.connection());
            assertThat(hanks.requestCode(NotifyChannel.EMAIL, "hank@example.test").ok()).isTrue();
            String code = Mails.code(MAIL.awaitBy("hank@example.test", 1, RelayServer.WAIT).get(0));

            assertThat(bobs.verify(NotifyChannel.EMAIL, code).errors()).containsExactly(
                    "No code is waiting for email; ask for one with the address command first.");
            assertThat(bobs.status().field("email")).isEmpty();
            assertThat(hanks.verify(NotifyChannel.EMAIL, code).ok()).isTrue();
            assertThat(hanks.status().field("email")).isEqualTo("hank@example.test");

            assertThatThrownBy(bobs::queue).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                    error -> assertThat(error.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
            assertThatThrownBy(() -> bobs.purgeFailed(Optional.empty()))
                    .isInstanceOf(XMPPException.XMPPErrorException.class);
        }
    }

    @Test
    void codeRequestsAreLimitedPerAccountAndPerDestination() throws Exception {
        try (TandemClient erin = OPENFIRE.login("erin"); TandemClient frank = OPENFIRE.login("frank");
                TandemClient gina = OPENFIRE.login("gina")) {
            NotifySettingsClient erins = new NotifySettingsClient(erin.connection());
            for (int i = 1; i <= 3; i++) {
                assertThat(erins.requestCode(NotifyChannel.EMAIL, "erin" + i + "@example.test").errors()).isEmpty();
            }
            assertThat(erins.requestCode(NotifyChannel.EMAIL, "erin4@example.test").errors()).containsExactly(
                    "Too many codes for this account (at most 3 per hour); try again in 60 minutes.");

            NotifySettingsClient franks = new NotifySettingsClient(frank.connection());
            assertThat(franks.requestCode(NotifyChannel.EMAIL, "shared@example.test").ok()).isTrue();
            assertThat(franks.requestCode(NotifyChannel.EMAIL, "shared@example.test").ok()).isTrue();
            assertThat(new NotifySettingsClient(gina.connection()).requestCode(NotifyChannel.EMAIL,
                    "shared@example.test").errors()).containsExactly(
                    "Too many codes to shared@example.test (at most 2 per hour); try again in 60 minutes.");
            assertThat(MAIL.awaitBy("shared@example.test", 2, RelayServer.WAIT)).hasSize(2);
        }
    }

    @Test
    void wrongCodesUseUpTheAttemptsAndThenEvenTheRightCodeIsRefused() throws Exception {
        try (TandemClient gina = OPENFIRE.login("gina")) {
            NotifySettingsClient notify = new NotifySettingsClient(gina.connection());
            assertThat(notify.requestCode(NotifyChannel.EMAIL, "gina@example.test").ok()).isTrue();
            String code = Mails.code(MAIL.awaitBy("gina@example.test", 1, RelayServer.WAIT).get(0));
            String wrong = code.equals("000000") ? "111111" : "000000";
            assertThat(notify.verify(NotifyChannel.EMAIL, wrong).errors()).containsExactly("Wrong code; 2 attempts left.");
            assertThat(notify.verify(NotifyChannel.EMAIL, wrong).errors()).containsExactly("Wrong code; 1 attempt left.");
            assertThat(notify.verify(NotifyChannel.EMAIL, wrong).errors()).containsExactly(
                    "Wrong code, and no attempts are left; ask for a new one.");
            assertThat(notify.verify(NotifyChannel.EMAIL, code).errors()).containsExactly(
                    "Too many wrong codes; ask for a new one.");
        }
    }

    @Test
    void switchingOffForgetsTheAddresses() throws Exception {
        try (TandemClient alice = OPENFIRE.login("alice")) {
            RelayServer.optInByEmail(alice, MAIL, "alice.off@example.test");
            NotifySettingsClient notify = new NotifySettingsClient(alice.connection());
            assertThat(notify.status().values("channels")).containsExactly("email");
            CommandOutcome off = notify.switchOff();
            assertThat(off.infos()).anySatisfy(info -> assertThat(info)
                    .startsWith("Offline delivery by email, SMS and fax is off"));
            CommandOutcome status = notify.status();
            assertThat(status.field("email")).isEmpty();
            assertThat(status.values("channels")).isEmpty();
        }
    }

    private static List<String> offered(String user) throws Exception {
        try (TandemClient client = OPENFIRE.login(user)) {
            return new NotifySettingsClient(client.connection()).offeredCommands();
        }
    }
}
