package im.tandem.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** Finding the server programs in Debian's layout: /usr/lib/postgresql/VERSION/bin. */
@Tag("external")
class PostgresInstallationTest {
    private static final List<String> ALL_PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "psql");

    @TempDir
    Path root;

    @Test
    void takesTheNewestCompleteVersion() throws IOException {
        installFake("13", ALL_PROGRAMS);
        installFake("15", ALL_PROGRAMS);
        // Only the client, as Debian's postgresql-client package leaves it: no server to run.
        installFake("16", List.of("psql"));
        Files.createDirectories(root.resolve("common/bin"));

        PostgresInstallation found = PostgresInstallation.findUnder(root);

        assertThat(found.majorVersion()).isEqualTo(15);
        assertThat(found.program("initdb")).isEqualTo(root.resolve("15/bin/initdb"));
    }

    @Test
    void withoutAServerItNamesTheDebianPackageToInstall() throws IOException {
        installFake("16", List.of("psql"));

        assertThatThrownBy(() -> PostgresInstallation.findUnder(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Debian package 'postgresql'");
        assertThatThrownBy(() -> PostgresInstallation.findUnder(root.resolve("absent")))
                .hasMessageContaining("Debian package 'postgresql'");
    }

    private void installFake(String version, List<String> programs) throws IOException {
        Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
        for (String program : programs) {
            Files.createFile(bin.resolve(program), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }
}
