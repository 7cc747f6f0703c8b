package im.tandem.client.file.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where received files go. A file is written to a hidden temporary file first and gets its name only once it has
 * been verified, so a damaged or partial file never appears under the name the sender chose. Names from the
 * sender are reduced to a single plain file name ({@link SafeFileName}), and never replace an existing file:
 * {@code report.pdf} becomes {@code report (1).pdf}.
 */
public final class DownloadFolder {
    private static final String TEMPORARY_PREFIX = ".tandem-";
    private static final String TEMPORARY_SUFFIX = ".part";

    private final Path directory;

    public DownloadFolder(Path directory) {
        this.directory = directory;
    }

    /**
     * The name a file offered as {@code offeredName} is saved under (before " (n)" is added to a name taken), and
     * so the name to show the user, who must not see one name and get another.
     */
    public static String plainName(String offeredName) {
        return SafeFileName.of(offeredName);
    }

    /** A new temporary file in the folder, which is created when missing. */
    public Path temporaryFile() throws IOException {
        Files.createDirectories(directory);
        return Files.createTempFile(directory, TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
    }

    /**
     * Gives a verified temporary file its final name: the sender's name made safe, numbered if taken.
     *
     * @return where the file now is
     */
    public Path keep(Path temporary, String offeredName) throws IOException {
        String name = plainName(offeredName);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int attempt = 0; ; attempt++) {
            Path target = directory.resolve(attempt == 0 ? name : stem + " (" + attempt + ")" + extension);
            try {
                Files.createFile(target); // claims the name, so that two transfers never pick the same one
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(target); // the empty claim must not pass for the file
                throw e;
            }
        }
    }
}
