package im.tandem.it.mysql;

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


/** Finding the server programs where Debian's mariadb-server package puts them. */
@Tag("external")
class MariadbInstallationTest {
    private static final List<String> ALL_PROGRAMS =
            List.of("usr/bin/mariadb-install-db", "usr/sbin/mariadbd", "usr/bin/mariadb");

    @TempDir
    Path root;

    @Test
    void findsTheThreePrograms() throws IOException {
        installFake(ALL_PROGRAMS);

        MariadbInstallation found = MariadbInstallation.findUnder(root);

        assertThat(found.installDb()).isEqualTo(root.resolve("usr/bin/mariadb-install-db"));
        assertThat(found.server()).isEqualTo(root.resolve("usr/sbin/mariadbd"));
        assertThat(found.client()).isEqualTo(root.resolve("usr/bin/mariadb"));
    }

    @Test
    void withoutTheServerItNamesTheDebianPackageToInstall() throws IOException {
        // Only the client, as Debian's mariadb-client package leaves it: no server to run.
        installFake(List.of("usr/bin/mariadb"));

        assertThatThrownBy(() -> MariadbInstallation.findUnder(root))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("usr/sbin/mariadbd")
                .hasMessageContaining("Debian package 'mariadb-server'");
        assertThatThrownBy(() -> MariadbInstallation.findUnder(root.resolve("absent")))
                .hasMessageContaining("Debian package 'mariadb-server'");
    }

    private void installFake(List<String> programs) throws IOException {
        for (String program : programs) {
            Path file = root.resolve(program);
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }
}
