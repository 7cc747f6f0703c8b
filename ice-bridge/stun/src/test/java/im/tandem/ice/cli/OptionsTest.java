package im.tandem.ice.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void readsValuesAndFlags() throws Exception {
        Options options = Options.parse(new String[] {"--json", "--stun", "h:1"}, Options.names("--stun", "--bind"),
                Options.names("--json"));

        assertThat(options.required("--stun")).isEqualTo("h:1");
        assertThat(options.value("--bind")).isEmpty();
        assertThat(options.flag("--json")).isTrue();
    }

    @Test
    void rejectsUnknownMissingAndRepeatedArguments() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--nope"}, Options.names("--stun"), Options.names()))
                .hasMessage("unknown argument: --nope");
        assertThatThrownBy(() -> Options.parse(new String[] {"--stun"}, Options.names("--stun"), Options.names()))
                .hasMessage("--stun needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--stun", "a", "--stun", "b"}, Options.names("--stun"),
                Options.names())).hasMessage("--stun given more than once");
        assertThatThrownBy(() -> Options.parse(new String[0], Options.names("--stun"), Options.names())
                .required("--stun")).hasMessage("--stun is required");
    }
}
