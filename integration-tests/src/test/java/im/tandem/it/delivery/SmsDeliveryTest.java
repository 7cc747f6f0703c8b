package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifyChannel;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.client.notify.SettingsChange;
import im.tandem.it.Holds;
import im.tandem.it.openfire.OpenfireExtension;

/** Offline messages by SMS, over SMPP to a real SMPP server and over a local HTTP gateway. */
@Tag("server")
class SmsDeliveryTest {
    private static final String CODE_TEXT = "Tandem code: ";
    static final SmscServer SMSC = SmscServer.start();
    static final HttpSmsGateway GATEWAY = HttpSmsGateway.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings()
            .property("tandem.notify.sms.transport", "smpp")
            .property("sms.smpp.host", "127.0.0.1")
            .property("sms.smpp.port", Integer.toString(SMSC.port()))
            .property("sms.smpp.systemId", "tandem")
            .property("sms.smpp.password", "secret")
            .property("tandem.notify.sms.allowedPrefixes", "+49, +43")
            .user("alice", "alice-pw").user("bob", "bob-pw").user("stranger", "stranger-pw")
            .user("carol", "carol-pw").user("dave", "dave-pw").user("erin", "erin-pw").user("frank", "frank-pw")
            .build());

    @AfterAll
    static void stopServers() throws Exception {
        SMSC.close();
        GATEWAY.close();
    }

    @Test
    void aContactsMessagesArriveAsOneSmsAndStrangersOnlyWhenAllowed() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        try (TandemClient bob = OPENFIRE.login("bob"); TandemClient stranger = OPENFIRE.login("stranger")) {
            try (TandemClient alice = OPENFIRE.login("alice")) {
                NotifySettingsClient notify = new NotifySettingsClient(alice.connection());
                assertThat(notify.requestCode(NotifyChannel.SMS, "+49 151 1234-5678").errors()).isEmpty();
                SmscServer.Sms code = SMSC.awaitBy("4915112345678", 1, RelayServer.WAIT).get(0);
                assertThat(code.text()).matches("Tandem code: [0-9]{6} \\(valid 10 minutes\\)");
                assertThat(notify.verify(NotifyChannel.SMS, code(code.text())).errors()).isEmpty();
                CommandOutcome status = notify.status();
                assertThat(status.field("phone")).isEqualTo("+4915112345678");
                assertThat(status.values("channels")).containsExactly("sms");
            }
            RelayServer.awaitOffline(bob, jid("alice"));
            stranger.send(jid("alice"), "buy cheap watches");
            bob.send(jid("alice"), "lunch at noon?");
            bob.send(jid("alice"), "I'll be at the usual place");

            SmscServer.Sms digest = SMSC.awaitBy("4915112345678", 2, RelayServer.WAIT).get(1);
            assertThat(digest.text()).isEqualTo("Tandem: 2 new messages. bob@localhost: lunch at noon? (+1)");
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> assertThat(SMSC.receivedBy("4915112345678"))
                    .as("nothing for the stranger's message").hasSize(2));

            try (RelayServer.Silent alice = RelayServer.silent(OPENFIRE, "alice")) {
                assertThat(new NotifySettingsClient(alice.connection())
                        .update(new SettingsChange().paidFromNonContacts(true)).errors()).isEmpty();
            }
            stranger.send(jid("alice"), "last chance: cheap watches");
            assertThat(SMSC.awaitBy("4915112345678", 3, RelayServer.WAIT).get(2).text())
                    .isEqualTo("Tandem: 1 new message. stranger@localhost: last chance: cheap watches");
        }
    }

    @Test
    void whileTheSmscIsDownTheSmsIsRetriedAndOnceItIsBackItIsSentOnce() throws Exception {
        OPENFIRE.server().befriend("frank", "bob");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient frank = OPENFIRE.login("frank")) {
                optInBySmpp(frank, "+4917712345678");
            }
            SMSC.down();
            RelayServer.awaitOffline(bob, jid("frank"));
            bob.send(jid("frank"), "is the SMSC down?");
            Holds.throughout(Duration.ofSeconds(5), () -> assertThat(SMSC.receivedBy("4917712345678"))
                    .as("only the code so far").hasSize(1));
            SMSC.up();
            assertThat(SMSC.awaitBy("4917712345678", 2, RelayServer.WAIT).get(1).text())
                    .isEqualTo("Tandem: 1 new message. bob@localhost: is the SMSC down?");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(SMSC.receivedBy("4917712345678"))
                    .as("sent once").hasSize(2));
        } finally {
            SMSC.up();
        }
    }

    @Test
    void smsToACountryOutsideTheAllowListIsRefused() throws Exception {
        try (TandemClient erin = OPENFIRE.login("erin")) {
            CommandOutcome refused = new NotifySettingsClient(erin.connection())
                    .requestCode(NotifyChannel.SMS, "+33612345678");
            assertThat(refused.errors()).containsExactly(
                    "SMS to +33612345678 is not allowed on this server; allowed country codes: +49: Germany;"
                            + " +43: Austria");
            assertThat(SMSC.receivedBy("33612345678")).isEmpty();
        }
    }

    @Test
    void theDailyCapStopsFurtherSmsAndTheUserIsToldWhy() throws Exception {
        OPENFIRE.server().befriend("carol", "bob");
        OPENFIRE.server().setProperty("tandem.notify.cap.sms.daily", "1");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient carol = OPENFIRE.login("carol")) {
                optInBySmpp(carol, "+4366412345678");
            }
            RelayServer.awaitOffline(bob, jid("carol"));
            bob.send(jid("carol"), "first");
            SMSC.awaitBy("4366412345678", 2, RelayServer.WAIT);
            Thread.sleep(RelayServer.HOLD_OFF.toMillis());
            bob.send(jid("carol"), "second");
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(3), () -> assertThat(SMSC.receivedBy("4366412345678"))
                    .as("the code and one digest").hasSize(2));

            BlockingQueue<Message> notices = new LinkedBlockingQueue<>();
            try (TandemClient carol = TandemClient.connect(OPENFIRE.account("carol", "carol-pw").build(),
                    client -> client.connection().addAsyncStanzaListener(stanza -> notices.add((Message) stanza),
                            MessageTypeFilter.NORMAL))) {
                Message notice = notices.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(notice).as("a notice from the server").isNotNull();
                assertThat(notice.getFrom().toString()).isEqualTo("localhost");
                assertThat(notice.getBody()).isEqualTo("Tandem: 1 offline message was not sent to you by sms:"
                        + " the daily limit of 1 sms digests is reached. (At most one such notice a day for sms.)");
            }
        } finally {
            OPENFIRE.server().setProperty("tandem.notify.cap.sms.daily", "10");
        }
    }

    @Test
    void theHttpGatewayGetsFormEncodedSmsWithCredentialsAndIsRetriedUntilItAccepts() throws Exception {
        OPENFIRE.server().befriend("dave", "bob");
        OPENFIRE.server().setProperty("tandem.notify.sms.http.url", GATEWAY.url());
        OPENFIRE.server().setProperty("tandem.notify.sms.http.username", "tandem");
        OPENFIRE.server().setProperty("tandem.notify.sms.http.password", "gateway-secret");
        OPENFIRE.server().setProperty("tandem.notify.sms.transport", "http");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient dave = OPENFIRE.login("dave")) {
                NotifySettingsClient notify = new NotifySettingsClient(dave.connection());
                assertThat(notify.requestCode(NotifyChannel.SMS, "+4917012345678").errors()).isEmpty();
                HttpSmsGateway.Request request = GATEWAY.await(1, RelayServer.WAIT).get(0);
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.headers()).containsEntry("content-type", "application/x-www-form-urlencoded")
                        .containsEntry("authorization", "Basic " + Base64.getEncoder()
                                .encodeToString("tandem:gateway-secret".getBytes(StandardCharsets.UTF_8)));
                Map<String, String> form = request.form();
                assertThat(form.get("to")).isEqualTo("+4917012345678");
                assertThat(form.get("id")).isEqualTo(request.headers().get("x-tandem-delivery"));
                assertThat(notify.verify(NotifyChannel.SMS, code(form.get("text"))).errors()).isEmpty();
            }
            GATEWAY.answer(503);
            RelayServer.awaitOffline(bob, jid("dave"));
            bob.send(jid("dave"), "are you coming?");
            List<HttpSmsGateway.Request> refused = GATEWAY.await(2, RelayServer.WAIT);
            GATEWAY.answer(200);
            List<HttpSmsGateway.Request> all = GATEWAY.await(3, RelayServer.WAIT);
            String id = refused.get(1).headers().get("x-tandem-delivery");
            assertThat(all.subList(1, all.size())).as("every attempt carries the same delivery id")
                    .allSatisfy(attempt -> assertThat(attempt.headers().get("x-tandem-delivery")).isEqualTo(id));
            assertThat(all.get(2).form().get("text")).isEqualTo("Tandem: 1 new message. bob@localhost: are you coming?");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(GATEWAY.received())
                    .as("no more attempts once accepted").hasSize(all.size()));
        } finally {
            OPENFIRE.server().setProperty("tandem.notify.sms.transport", "smpp");
        }
    }

    private static void optInBySmpp(TandemClient client, String number) throws Exception {
        NotifySettingsClient notify = new NotifySettingsClient(client.connection());
        String digits = number.substring(1);
        int before = SMSC.receivedBy(digits).size();
        assertThat(notify.requestCode(NotifyChannel.SMS, number).errors()).isEmpty();
        String text = SMSC.awaitBy(digits, before + 1, RelayServer.WAIT).get(before).text();
        assertThat(notify.verify(NotifyChannel.SMS, code(text)).errors()).isEmpty();
    }

    private static String code(String text) {
        int at = text.indexOf(CODE_TEXT);
        assertThat(at).as("a code in '%s'", text).isNotNegative();
        return text.substring(at + CODE_TEXT.length(), at + CODE_TEXT.length() + 6);
    }

    private static EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + OPENFIRE.server().domain());
    }
}
