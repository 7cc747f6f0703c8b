package im.tandem.it.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.openfire.OpenfireExtension;

/** A standard client (slixmpp, Debian's python3-slixmpp, with its XEP-0050 plugin) opts in and verifies. */
@Tag("server")
@Tag("external")
class SlixmppNotifyTest {
    /** Debian's interpreter, where python3-slixmpp installs; not whatever python3 is first on the PATH. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    private static final long RUN_LIMIT_SECONDS = 30;
    static final MailServer MAIL = MailServer.start();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(RelayServer.settings(MAIL)
            .user("sam", "sam-pw").build());

    @AfterAll
    static void stopMail() {
        MAIL.close();
    }

    @Test
    void slixmppFindsTheCommandsSetsAnAddressVerifiesItAndGetsClearErrors() throws Exception {
        assertThat(drive("--list")).anySatisfy(line -> assertThat(line).startsWith("COMMANDS ")
                .contains(NotifySettingsClient.STATUS, NotifySettingsClient.SETTINGS, NotifySettingsClient.ADDRESS,
                        NotifySettingsClient.VERIFY, NotifySettingsClient.OFF)
                .doesNotContain(NotifySettingsClient.QUEUE));

        assertThat(drive("--node", NotifySettingsClient.ADDRESS, "--field", "channel=email",
                "--field", "address=sam@example.test"))
                .contains("NOTE info A 6-digit code is on its way to sam@example.test; it is valid for 10 minutes."
                        + " Enter it with the verify command.", "STATUS completed");
        String code = Mails.code(MAIL.awaitBy("sam@example.test", 1, RelayServer.WAIT).get(0));
        assertThat(drive("--node", NotifySettingsClient.VERIFY, "--field", "channel=email", "--field", "code=" + code))
                .contains("NOTE info sam@example.test is verified; offline messages will also reach you by email.");

        assertThat(drive("--node", NotifySettingsClient.SETTINGS, "--field", "holdoff=soon",
                "--field", "timezone=Europe/Berlin"))
                .contains("NOTE error holdoff: must be a whole number of seconds from 1 to 86400, got 'soon'",
                        "NOTE error Nothing was changed.");
        assertThat(drive("--node", NotifySettingsClient.SETTINGS, "--field", "holdoff=30",
                "--field", "timezone=Europe/Berlin", "--field", "quiet_start=22:00", "--field", "quiet_end=07:00"))
                .contains("NOTE info Saved.");

        assertThat(drive("--node", NotifySettingsClient.STATUS)).contains("FIELD email sam@example.test",
                "FIELD channels email", "FIELD holdoff 30", "FIELD timezone Europe/Berlin", "FIELD quiet_start 22:00",
                "FIELD quiet_end 07:00");
        try (TandemClient sam = OPENFIRE.login("sam")) {
            assertThat(new NotifySettingsClient(sam.connection()).status().field("timezone"))
                    .as("our client sees what slixmpp set").isEqualTo("Europe/Berlin");
        }
    }

    /** Runs the driver as sam and returns its output lines; fails on a non-zero exit. */
    private static List<String> drive(String... arguments) throws Exception {
        Path script = Path.of(SlixmppNotifyTest.class.getResource("/slixmpp/notify_driver.py").toURI());
        assertThat(SYSTEM_PYTHON).as("Debian's python3 (apt-get install python3-slixmpp)").isExecutable();
        List<String> command = new ArrayList<>(List.of(SYSTEM_PYTHON.toString(), script.toString(),
                "--jid", "sam@" + OPENFIRE.server().domain() + "/slixmpp", "--password", "sam-pw",
                "--host", OPENFIRE.server().host(), "--port", Integer.toString(OPENFIRE.server().clientPort())));
        command.addAll(List.of(arguments));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(driver.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)).as("slixmpp finishes").isTrue();
        List<String> lines = new String(driver.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(driver.exitValue()).as("slixmpp's exit code; output %s", lines).isZero();
        return lines;
    }
}
