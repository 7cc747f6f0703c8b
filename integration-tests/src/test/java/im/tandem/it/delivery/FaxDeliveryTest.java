package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jivesoftware.smack.XMPPConnection;
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

import jakarta.mail.internet.MimeMessage;

/**
 * Offline messages by fax through a real Openfire: as a PDF attached to an email to an email-to-fax address (a real
 * SMTP server), and as a multipart upload to an HTTP fax API (a real HTTP server in the test). Every page is read back
 * with PDFBox and rendered with Debian's pdftoppm; the PNGs stay under target/fax-pages/.
 */
@Tag("server")
class FaxDeliveryTest {
    private static final String GATEWAY_DOMAIN = "@fax.example.test";
    private static final String PDF = "application/pdf";
    /** The code stands alone on its line, in large print. */
    private static final Pattern CODE = Pattern.compile("(?m)^\\s*([0-9]{6})\\s*$");
    static final MailServer MAIL = MailServer.start();
    static final HttpFaxGateway GATEWAY = HttpFaxGateway.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings(MAIL)
            .property("tandem.notify.fax.transport", "email")
            .property("tandem.notify.fax.email.address", "{number}" + GATEWAY_DOMAIN)
            .property("tandem.notify.fax.allowedPrefixes", "+49, +43")
            .property("admin.authorizedJIDs", "boss@localhost")
            .user("boss", "boss-pw").user("alice", "alice-pw").user("bob", "bob-pw").user("stranger", "stranger-pw")
            .user("carol", "carol-pw").user("dave", "dave-pw").user("erin", "erin-pw").user("frank", "frank-pw")
            .build());

    @AfterAll
    static void stopServers() {
        MAIL.close();
        GATEWAY.close();
    }

    @Test
    void theCodeArrivesOnAFaxedPageAndOfflineMessagesThenArriveAsADigestPageByEmail() throws Exception {
        OPENFIRE.server().befriend("alice", "bob");
        String gateway = "49301234567" + GATEWAY_DOMAIN;
        try (TandemClient bob = OPENFIRE.login("bob"); TandemClient stranger = OPENFIRE.login("stranger")) {
            try (TandemClient alice = OPENFIRE.login("alice")) {
                NotifySettingsClient notify = new NotifySettingsClient(alice.connection());
                assertThat(notify.requestCode(NotifyChannel.FAX, "+49 30 123 4567").errors()).isEmpty();
                MimeMessage codeFax = MAIL.awaitBy(gateway, 1, RelayServer.WAIT).get(0);
                assertThat(Mails.parts(codeFax, "text/plain")).as("no text a gateway would fax as a cover").isEmpty();
                byte[] codePage = Mails.attachments(codeFax, PDF).get(0);
                String codeText = FaxPages.text(codePage);
                assertThat(codeText).contains("Tandem verification code").contains("For: alice@localhost")
                        .contains("valid for 10 minutes");
                FaxPages.render(codePage, "code-by-email");
                assertThat(notify.verify(NotifyChannel.FAX, code(codeText)).errors()).isEmpty();
                CommandOutcome status = notify.status();
                assertThat(status.field("fax")).isEqualTo("+49301234567");
                assertThat(status.field("phone")).isEmpty();
                assertThat(status.values("channels")).containsExactly("fax");
            }
            RelayServer.awaitOffline(bob, jid("alice"));
            stranger.send(jid("alice"), "cheap toner, today only");
            bob.send(jid("alice"), "Γειά σου! Привет! Grüße aus Köln");
            bob.send(jid("alice"), "你好 🙂 see you at eight");

            MimeMessage digest = MAIL.awaitBy(gateway, 2, RelayServer.WAIT).get(1);
            String deliveryId = Mails.header(digest, "X-Tandem-Delivery");
            assertThat(deliveryId).matches("[0-9a-f-]{36}");
            assertThat(Mails.header(digest, "Message-ID")).isEqualTo("<tandem." + deliveryId + "@localhost>");
            byte[] page = Mails.attachments(digest, PDF).get(0);
            String text = FaxPages.text(page);
            assertThat(text).contains("2 new messages").contains("Server: localhost").contains("To: alice@localhost")
                    .contains("From: bob@localhost").contains("bob@localhost (2 new messages)")
                    .contains("Γειά σου! Привет! Grüße aus Köln")
                    .as("CJK and emoji are marked, the rest of the line is kept").contains("?? ? see you at eight")
                    .doesNotContain("toner");
            Path png = FaxPages.render(page, "digest-by-email");
            assertThat(Files.size(png)).isPositive();
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(2), () -> assertThat(MAIL.receivedBy(gateway))
                    .as("one digest, nothing for the stranger").hasSize(2));
        }
    }

    @Test
    void theHttpFaxApiGetsThePageAsAnUploadAndAFailingApiIsRetriedUntilThePageIsSentOnce() throws Exception {
        OPENFIRE.server().befriend("dave", "bob");
        OPENFIRE.server().setProperty("tandem.notify.fax.http.url", GATEWAY.url());
        OPENFIRE.server().setProperty("tandem.notify.fax.http.username", "tandem");
        OPENFIRE.server().setProperty("tandem.notify.fax.http.password", "fax-secret");
        OPENFIRE.server().setProperty("tandem.notify.fax.http.field.to", "number");
        OPENFIRE.server().setProperty("tandem.notify.fax.transport", "http");
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient dave = OPENFIRE.login("dave")) {
                NotifySettingsClient notify = new NotifySettingsClient(dave.connection());
                assertThat(notify.requestCode(NotifyChannel.FAX, "+43 1 2345678").errors()).isEmpty();
                HttpFaxGateway.Upload upload = GATEWAY.await(1, RelayServer.WAIT).get(0);
                assertThat(upload.headers()).containsEntry("authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("tandem:fax-secret".getBytes(StandardCharsets.UTF_8)));
                assertThat(upload.headers().get("content-type")).startsWith("multipart/form-data; boundary=");
                assertThat(upload.fields()).containsEntry("number", "+4312345678")
                        .containsEntry("id", upload.headers().get("x-tandem-delivery"));
                assertThat(upload.fileNames().get("file")).endsWith(".pdf");
                byte[] codePage = upload.files().get("file");
                FaxPages.render(codePage, "code-by-http");
                assertThat(notify.verify(NotifyChannel.FAX, code(FaxPages.text(codePage))).errors()).isEmpty();
            }
            GATEWAY.answer(503);
            RelayServer.awaitOffline(bob, jid("dave"));
            bob.send(jid("dave"), "is the fax on?");
            List<HttpFaxGateway.Upload> refused = GATEWAY.await(3, RelayServer.WAIT);
            GATEWAY.answer(200);
            List<HttpFaxGateway.Upload> all = GATEWAY.await(4, RelayServer.WAIT);
            String id = refused.get(1).headers().get("x-tandem-delivery");
            assertThat(all.subList(1, all.size())).as("every attempt carries the same delivery id")
                    .allSatisfy(attempt -> assertThat(attempt.fields().get("id")).isEqualTo(id));
            byte[] page = all.get(all.size() - 1).files().get("file");
            assertThat(FaxPages.text(page)).contains("1 new message").contains("To: dave@localhost")
                    .contains("is the fax on?");
            FaxPages.render(page, "digest-by-http");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(GATEWAY.received())
                    .as("no more attempts once accepted").hasSize(all.size()));
        } finally {
            GATEWAY.answer(200);
            OPENFIRE.server().setProperty("tandem.notify.fax.transport", "email");
        }
    }

    @Test
    void aFaxNumberOutsideTheAllowListIsRefusedAndNothingIsFaxed() throws Exception {
        try (TandemClient erin = OPENFIRE.login("erin")) {
            CommandOutcome refused = new NotifySettingsClient(erin.connection())
                    .requestCode(NotifyChannel.FAX, "+33 1 23456789");
            assertThat(refused.errors()).containsExactly("A fax to +33123456789 is not allowed on this server;"
                    + " allowed country codes: +49: Germany; +43: Austria");
            assertThat(MAIL.receivedBy("33123456789" + GATEWAY_DOMAIN)).isEmpty();
        }
    }

    @Test
    void theDailyFaxCapStopsFurtherFaxesAndTheUserIsToldWhy() throws Exception {
        OPENFIRE.server().befriend("carol", "bob");
        OPENFIRE.server().setProperty("tandem.notify.cap.fax.daily", "1");
        String gateway = "4940123456" + GATEWAY_DOMAIN;
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient carol = OPENFIRE.login("carol")) {
                optInByEmailToFax(carol.connection(), "+4940123456");
            }
            RelayServer.awaitOffline(bob, jid("carol"));
            bob.send(jid("carol"), "first");
            MAIL.awaitBy(gateway, 2, RelayServer.WAIT);
            Thread.sleep(RelayServer.HOLD_OFF.toMillis());
            bob.send(jid("carol"), "second");
            Holds.throughout(RelayServer.HOLD_OFF.multipliedBy(3), () -> assertThat(MAIL.receivedBy(gateway))
                    .as("the code and one digest").hasSize(2));

            BlockingQueue<Message> notices = new LinkedBlockingQueue<>();
            try (TandemClient carol = TandemClient.connect(OPENFIRE.account("carol", "carol-pw").build(),
                    client -> client.connection().addAsyncStanzaListener(stanza -> notices.add((Message) stanza),
                            MessageTypeFilter.NORMAL))) {
                Message notice = notices.poll(RelayServer.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(notice).as("a notice from the server").isNotNull();
                assertThat(notice.getBody()).isEqualTo("Tandem: 1 offline message was not sent to you by fax:"
                        + " the daily limit of 1 fax digests is reached. (At most one such notice a day for fax.)");
            }
            try (TandemClient boss = OPENFIRE.login("boss")) {
                NotifySettingsClient admin = new NotifySettingsClient(boss.connection());
                assertThat(Integer.parseInt(admin.queue().field("fax_sent"))).as("faxes sent")
                        .isGreaterThanOrEqualTo(2);
                assertThat(admin.queue().field("fax_failed")).as("the digest over the cap").isEqualTo("1");
                assertThat(admin.purgeFailed(Optional.of(NotifyChannel.FAX)).infos())
                        .containsExactly("Deleted 1 failed delivery.");
                assertThat(admin.queue().field("fax_failed")).isEqualTo("0");
            }
        } finally {
            OPENFIRE.server().setProperty("tandem.notify.cap.fax.daily", "3");
        }
    }

    @Test
    void quietHoursDeferTheFaxUntilTheyEnd() throws Exception {
        OPENFIRE.server().befriend("frank", "bob");
        String gateway = "436641234567" + GATEWAY_DOMAIN;
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        ZonedDateTime nowThere = ZonedDateTime.now(tokyo);
        LocalTime start = nowThere.minusHours(1).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime end = nowThere.plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        try (TandemClient bob = OPENFIRE.login("bob")) {
            try (TandemClient frank = OPENFIRE.login("frank")) {
                optInByEmailToFax(frank.connection(), "+436641234567");
                assertThat(new NotifySettingsClient(frank.connection()).update(new SettingsChange()
                        .timeZone(tokyo).quietHours(start, end.toLocalTime()).holdOff(Duration.ofSeconds(1)))
                        .errors()).isEmpty();
            }
            RelayServer.awaitOffline(bob, jid("frank"));
            bob.send(jid("frank"), "good night");
            Holds.throughout(Duration.ofSeconds(3), () -> assertThat(MAIL.receivedBy(gateway))
                    .as("held back by quiet hours").hasSize(1));
            try (RelayServer.Silent frank = RelayServer.silent(OPENFIRE, "frank")) {
                NotifySettingsClient notify = new NotifySettingsClient(frank.connection());
                CommandOutcome status = notify.status();
                assertThat(status.field("messages_fax")).isEqualTo("1");
                assertThat(status.field("next_due")).as("the end of the quiet hours in Tokyo")
                        .isEqualTo(end.toInstant().toString());
                assertThat(notify.update(new SettingsChange().noQuietHours()).errors()).isEmpty();
                byte[] page = Mails.attachments(MAIL.awaitBy(gateway, 2, RelayServer.WAIT).get(1), PDF).get(0);
                assertThat(FaxPages.text(page)).contains("good night");
            }
        }
    }

    /** Sets and verifies a fax number through the commands, reading the code off the page the gateway got. */
    private static void optInByEmailToFax(XMPPConnection connection, String number) throws Exception {
        NotifySettingsClient notify = new NotifySettingsClient(connection);
        String gateway = number.substring(1) + GATEWAY_DOMAIN;
        int before = MAIL.receivedBy(gateway).size();
        assertThat(notify.requestCode(NotifyChannel.FAX, number).errors()).isEmpty();
        byte[] page = Mails.attachments(MAIL.awaitBy(gateway, before + 1, RelayServer.WAIT).get(before), PDF).get(0);
        assertThat(notify.verify(NotifyChannel.FAX, code(FaxPages.text(page))).errors()).isEmpty();
    }

    private static String code(String pageText) {
        Matcher code = CODE.matcher(pageText);
        assertThat(code.find()).as("a code alone on a line of '%s'", pageText).isTrue();
        return code.group(1);
    }

    private static EntityBareJid jid(String user) throws Exception {
        return JidCreate.entityBareFrom(user + "@" + OPENFIRE.server().domain());
    }
}
