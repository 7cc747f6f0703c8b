package im.tandem.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.chat.IncomingMessage;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/** A standard client not written by us (slixmpp, from Debian's python3-slixmpp) chats with our client. */
@Tag("server")
@Tag("external")
class StandardClientInteropTest {
    /** Debian's interpreter, where python3-slixmpp installs; not whatever python3 is first on the PATH. */
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("alice", "alice-pw").user("sam", "sam-pw").build());

    @Test
    void slixmppAndOurClientExchangeMessages() throws Exception {
        Path script = Path.of(StandardClientInteropTest.class.getResource("/slixmpp/plain_peer.py").toURI());
        assertThat(SYSTEM_PYTHON).as("Debian's python3 (apt-get install python3-slixmpp)").isExecutable();

        try (TandemClient alice = OPENFIRE.login("alice")) {
            BlockingQueue<IncomingMessage> inbox = new LinkedBlockingQueue<>();
            alice.onMessage(inbox::add);
            Process slixmpp = new ProcessBuilder(SYSTEM_PYTHON.toString(), script.toString(),
                    "--jid", "sam@" + OPENFIRE.server().domain() + "/slixmpp", "--password", "sam-pw",
                    "--host", OPENFIRE.server().host(), "--port", Integer.toString(OPENFIRE.server().clientPort()),
                    "--to", alice.jid().toString(), "--text", "hello from slixmpp", "--linger", "0")
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<String> transcript = new ArrayList<>();
            Thread reader = new Thread(() -> readLines(slixmpp, lines), "slixmpp-output");
            reader.setDaemon(true);
            reader.start();

            IncomingMessage fromSam = inbox.poll(30, TimeUnit.SECONDS);
            assertThat(fromSam).as("slixmpp's message; its output: %s", drain(lines, transcript)).isNotNull();
            assertThat(fromSam.body()).isEqualTo("hello from slixmpp 1");
            assertThat(fromSam.from().toString()).isEqualTo("sam@" + OPENFIRE.server().domain());

            alice.send(fromSam.from(), "hello slixmpp, from Tandem");
            assertThat(slixmpp.waitFor(30, TimeUnit.SECONDS)).as("slixmpp exits after the reply").isTrue();
            reader.join(5_000);
            drain(lines, transcript);
            assertThat(slixmpp.exitValue()).as("slixmpp's exit code; output %s", transcript).isZero();
            assertThat(transcript).contains("ONLINE", "GOT alice@" + OPENFIRE.server().domain()
                    + " hello slixmpp, from Tandem");
        }
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(lines::add);
        } catch (java.io.IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }

    private static List<String> drain(BlockingQueue<String> lines, List<String> transcript) {
        lines.drainTo(transcript);
        return transcript;
    }
}
