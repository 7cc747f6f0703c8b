package im.tandem.it.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.CommandOutcome;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.openfire.LogMark;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;
import im.tandem.it.openfire.StrayResponse;

/**
 * Results and errors sent to the server in the XEP-0050 namespace answer nothing (the server asks no one to run a
 * command): the server ignores them, where Openfire's command handler logged a stack trace at ERROR for each, which
 * let anyone fill the log; commands still run.
 */
@Tag("server")
class CommandResponsesTest {
    private static final String COMMANDS = "http://jabber.org/protocol/commands";
    /** Enough stanzas that a logged failure per stanza could not be missed. */
    private static final int STANZAS_OF_EACH_TYPE = 5;

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw")
            .build());

    @Test
    void resultsAndErrorsAreIgnoredWithoutAnErrorInTheLogAndCommandsStillRun() throws Exception {
        LogMark mark = LogMark.now(OPENFIRE.server());
        try (TandemClient alice = OPENFIRE.login("alice")) {
            StrayResponse.sendToServer(alice.connection(), STANZAS_OF_EACH_TYPE, List.of(
                    new StrayResponse.Child("command", COMMANDS, Map.of()),
                    new StrayResponse.Child("command", COMMANDS,
                            Map.of("node", "https://tandem.im/ns/notify#status", "sessionid", "no-such-session")),
                    new StrayResponse.Child("command", COMMANDS,
                            Map.of("node", "http://jabber.org/protocol/admin#get-online-users-num",
                                    "status", "completed"))));

            // Openfire handles one connection's stanzas in order: once this is answered, the others were handled.
            CommandOutcome status = new NotifySettingsClient(alice.connection()).status();
            assertThat(status.errors()).isEmpty();
            assertThat(status.fields()).isNotEmpty();
        }
        assertThat(mark.problemsSince()).as("errors and stack traces logged").isEmpty();
        assertThat(mark.linesSince()).as("lines naming the stanzas (an \"Unknown packet\" warning, say)")
                .noneMatch(line -> line.contains(COMMANDS));
    }
}
