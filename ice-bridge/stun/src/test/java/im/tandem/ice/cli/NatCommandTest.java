package im.tandem.ice.cli;

import im.tandem.ice.stun.LoopbackPorts;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NatCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void usageErrorsExitWithTwoAndPrintUsage() {
        assertThat(run("--bind", "127.0.0.1")).isEqualTo(NatCommand.EXIT_USAGE);
        assertThat(text(err)).startsWith("tandem nat: Missing required option: '--stun HOST[:PORT]'")
                .contains("Usage: tandem nat [-h] --stun HOST[:PORT]");

        err.reset();
        assertThat(run("--stun", "127.0.0.1:99999")).isEqualTo(NatCommand.EXIT_USAGE);
        assertThat(text(err)).contains("--stun: port must be a number from 1 to 65535");

        err.reset();
        assertThat(run("--stun", "127.0.0.1", "--bind", "::1")).isEqualTo(NatCommand.EXIT_USAGE);
        assertThat(text(err)).contains("bind address 0:0:0:0:0:0:0:1 is not of the same IP family as the STUN server");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        assertThat(run("--help")).isEqualTo(NatCommand.EXIT_OK);

        assertThat(text(out)).startsWith("Usage: tandem nat").contains("--stun HOST[:PORT]", "--bind IP", "--json");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void aRepeatedOptionIsRefusedByName() {
        assertThat(run("--stun", "192.0.2.1", "--stun", "192.0.2.2")).isEqualTo(NatCommand.EXIT_USAGE);

        assertThat(text(err)).startsWith("tandem nat: option '--stun' (HOST[:PORT]) should be specified only once");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThat(run("--stun", "192.0.2.1", "--nope")).isEqualTo(NatCommand.EXIT_USAGE);
        assertThat(text(err)).startsWith("tandem nat: Unknown option: '--nope'");

        err.reset();
        assertThat(run("--stnu", "192.0.2.1")).isEqualTo(NatCommand.EXIT_USAGE);
        assertThat(text(err)).as("a misspelt required option is named, not reported missing")
                .startsWith("tandem nat: Unknown options: '--stnu', '192.0.2.1'");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void printsOneJsonObjectOrAHumanSummary() throws Exception {
        int port = LoopbackPorts.freePortPair();
        try (StunServer server = new StunServer(StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
                .primaryPort(port).alternateAddress(LoopbackPorts.ALTERNATE).build())) {
            server.start();

            assertThat(run("--stun", "127.0.0.1:" + port, "--json", "--bind", "127.0.0.1")).isEqualTo(NatCommand.EXIT_OK);
            assertThat(text(out).strip()).startsWith("{\"server\":\"127.0.0.1:" + port + "\"")
                    .contains("\"natType\":\"OPEN_INTERNET\"", "\"mapping\":\"NO_NAT\"",
                            "\"filtering\":\"ENDPOINT_INDEPENDENT\"", "\"reason\":null")
                    .endsWith("}").doesNotContain("\n");

            out.reset();
            assertThat(run("--stun", "127.0.0.1:" + port)).isEqualTo(NatCommand.EXIT_OK);
            assertThat(text(out)).contains("NAT type:       OPEN_INTERNET", "Mapping:        NO_NAT",
                    "Filtering:      ENDPOINT_INDEPENDENT").doesNotContain("Reason:");
        }
    }

    private int run(String... args) {
        return NatCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
