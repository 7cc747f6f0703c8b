package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import im.tandem.ice.cli.TandemCommandLine;

/** The chat program's command line; what it does once logged in is ChatControllerTest's and the integration tests'. */
class ChatCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        assertThat(run("--help")).isZero();

        assertThat(text(out)).startsWith("Usage: tandem chat").contains("JID", "--password-file FILE",
                "--server HOST[:PORT]", "--no-tls", "--direct", "--stun HOST[:PORT]", "--downloads DIR", "--file-transports",
                "--accept-files ask|contacts|none");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void usageErrorsNameTheProblemThenShowTheUsage() {
        assertThat(run()).isEqualTo(ChatCommand.EXIT_USAGE);

        assertThat(text(err)).startsWith("tandem chat: Missing required parameter: 'JID'")
                .contains("Usage: tandem chat");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void aRepeatedOptionIsRefusedByName() {
        assertThat(run("alice@localhost", "--server", "a", "--server", "b")).isEqualTo(ChatCommand.EXIT_USAGE);

        assertThat(text(err)).startsWith("tandem chat: option '--server' (HOST[:PORT]) should be specified only once");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThat(run("alice@localhost", "--passwd-file", "pw")).isEqualTo(ChatCommand.EXIT_USAGE);

        assertThat(text(err)).startsWith("tandem chat: Unknown options: '--passwd-file', 'pw'");
    }

    private int run(String... args) {
        return TandemCommandLine.execute(new ChatCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
