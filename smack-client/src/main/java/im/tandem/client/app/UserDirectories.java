package im.tandem.client.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the chat program keeps the user's files, after the XDG Base Directory Specification: its variable when set
 * to an absolute path, else the specification's default under the home directory; {@code tandem} inside either.
 */
final class UserDirectories {
    private UserDirectories() {
    }

    /** {@code $XDG_DATA_HOME/tandem} or {@code ~/.local/share/tandem}: what the user would miss (the history). */
    static Path data(Map<String, String> environment, Path home) {
        return base(environment, "XDG_DATA_HOME", home.resolve(".local").resolve("share")).resolve("tandem");
    }

    /** {@code $XDG_STATE_HOME/tandem} or {@code ~/.local/state/tandem}: what may go (the log). */
    static Path state(Map<String, String> environment, Path home) {
        return base(environment, "XDG_STATE_HOME", home.resolve(".local").resolve("state")).resolve("tandem");
    }

    /** The specification ignores a relative value. */
    private static Path base(Map<String, String> environment, String variable, Path fallback) {
        String value = environment.get(variable);
        return value != null && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
