package im.tandem.it.openfire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A place in a server's log, to read what the server logged after it (a test's own doing, not the boot's). */
public final class LogMark {
    private final Path log;
    private final long offset;

    private LogMark(Path log, long offset) {
        this.log = log;
        this.offset = offset;
    }

    /** The log's end as it is now. */
    public static LogMark now(OpenfireProcess server) throws IOException {
        Path log = server.home().logFile();
        return new LogMark(log, Files.size(log));
    }

    /** The lines logged since the mark. */
    public List<String> linesSince() throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(Arrays.copyOfRange(bytes, (int) offset, bytes.length), StandardCharsets.UTF_8).lines()
                .toList();
    }

    /** The lines logged since the mark that tell of a failure: an ERROR, an exception or a stack frame. */
    public List<String> problemsSince() throws IOException {
        return linesSince().stream().filter(line -> line.contains("ERROR") || line.contains("Exception")
                || line.startsWith("\tat ")).toList();
    }
}
