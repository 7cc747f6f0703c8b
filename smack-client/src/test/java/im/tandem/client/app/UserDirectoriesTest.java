package im.tandem.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UserDirectoriesTest {
    private static final Path HOME = Path.of("/home/alice");

    @Test
    void theXdgVariablesWinWhenAbsolute() {
        Map<String, String> environment = Map.of("XDG_DATA_HOME", "/data/alice", "XDG_STATE_HOME", "/var/state/alice");
        assertThat(UserDirectories.data(environment, HOME)).isEqualTo(Path.of("/data/alice/tandem"));
        assertThat(UserDirectories.state(environment, HOME)).isEqualTo(Path.of("/var/state/alice/tandem"));
        assertThat(ChatLog.defaultFile(environment, HOME)).isEqualTo(Path.of("/var/state/alice/tandem/chat.log"));
    }

    @Test
    void withoutThemOrWithARelativeOneTheHomeHoldsThem() {
        assertThat(UserDirectories.data(Map.of(), HOME)).isEqualTo(Path.of("/home/alice/.local/share/tandem"));
        assertThat(UserDirectories.state(Map.of("XDG_STATE_HOME", "relative/state"), HOME))
                .isEqualTo(Path.of("/home/alice/.local/state/tandem"));
    }
}
