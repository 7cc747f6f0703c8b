package im.tandem.client.file.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadFolderTest {
    @TempDir
    Path root;

    @Test
    void aVerifiedFileGetsItsNameWithoutReplacingAnother() throws Exception {
        Path downloads = root.resolve("downloads");
        DownloadFolder folder = new DownloadFolder(downloads);
        Path first = folder.temporaryFile();
        Files.writeString(first, "one");
        Path second = folder.temporaryFile();
        Files.writeString(second, "two");

        Path kept = folder.keep(first, "notes.txt");
        Path keptAgain = folder.keep(second, "../notes.txt");

        assertThat(kept).isEqualTo(downloads.resolve("notes.txt")).hasContent("one");
        assertThat(keptAgain).isEqualTo(downloads.resolve("notes (1).txt")).hasContent("two");
        try (var files = Files.list(downloads)) {
            assertThat(files).as("no temporary file is left").hasSize(2);
        }
    }

    @Test
    void whenTheFileCannotBeMovedItsNameIsNotLeftTaken() throws Exception {
        Path downloads = root.resolve("downloads");
        DownloadFolder folder = new DownloadFolder(downloads);
        Path vanished = folder.temporaryFile();
        Files.delete(vanished);

        assertThatThrownBy(() -> folder.keep(vanished, "notes.txt")).isInstanceOf(NoSuchFileException.class);
        assertThat(downloads.resolve("notes.txt")).doesNotExist();
    }
}
