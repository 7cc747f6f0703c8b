package im.tandem.it.openfire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.ParameterException;

/** The command line of `./tandem server`; nothing here starts Openfire. */
class TandemServerCommandTest {

    @Test
    void defaultsAreTheDemoServer() {
        ServerOptions options = TandemServerCommand.parse();

        assertThat(options.dataDir()).isEqualTo(Path.of("data"));
        assertThat(options.domain()).isEqualTo("localhost");
        assertThat(options.clientPort()).isEqualTo(5222);
        assertThat(options.users()).isEmpty();
        assertThat(options.properties()).isEmpty();
    }

    @Test
    void usersAndPropertiesRepeat() {
        ServerOptions options = TandemServerCommand.parse("--user", "ann:secret1", "--property", "a.b=1",
                "--user", "ben:secret2", "--property", "c.d=x=y", "--c2s-port", "5223");

        assertThat(options.users()).extracting(OpenfireSettings.UserAccount::username).containsExactly("ann", "ben");
        assertThat(options.properties()).isEqualTo(Map.of("a.b", "1", "c.d", "x=y"));
        assertThat(options.clientPort()).isEqualTo(5223);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertThatThrownBy(() -> TandemServerCommand.parse("--c2s-port", "70000"))
                .isInstanceOf(ParameterException.class).hasMessage("--c2s-port must be between 1 and 65535, got 70000");
        assertThatThrownBy(() -> TandemServerCommand.parse("--c2s-port", "x"))
                .hasMessage("--c2s-port takes a number, got 'x'");
        assertThatThrownBy(() -> TandemServerCommand.parse("--property", "=x"))
                .hasMessage("--property takes KEY=VALUE, got '=x'");
        assertThatThrownBy(() -> TandemServerCommand.parse("--user", "ann")).hasMessageStartingWith("--user");
        assertThatThrownBy(() -> TandemServerCommand.parse("--domain", "not a domain"))
                .hasMessageStartingWith("--domain");
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TandemServerCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: tandem server")
                .contains("--data DIR", "--domain NAME", "--user NAME:PASSWORD", "--c2s-port N",
                        "--property KEY=VALUE", "--openfire DIR");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRepeatedOptionIsRefusedByName() {
        assertThatThrownBy(() -> TandemServerCommand.parse("--domain", "a.example", "--domain", "b.example"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("option '--domain' (NAME) should be specified only once");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TandemServerCommand.run(new String[] {"--c2s", "5223"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("tandem server: Unknown options: '--c2s', '5223'").contains("Usage: tandem server");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
