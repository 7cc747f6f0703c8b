package im.tandem.it.sint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small plain-text table of SINT runs, one row per run, followed by notes: what each column means, the
 * tests that were disabled and why, and anything else the reader should know.
 */
public final class SintSummary {
    private static final String ROW_FORMAT = "%-22s %-10s %7s %7s %13s %19s %8s%n";

    private final String title;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public SintSummary(String title) {
        this.title = title;
    }

    public SintSummary row(String run, SintResults results, Duration took) {
        rows.add(String.format(ROW_FORMAT, run, results.completed() ? "completed" : "INCOMPLETE",
                results.passed().size(), results.failed().size(), results.notPossible().size(),
                results.impossibleClasses().size(), took.toSeconds()));
        return this;
    }

    public SintSummary note(String note) {
        notes.add(note);
        return this;
    }

    public SintSummary disabled(Map<String, String> reasons) {
        new TreeMap<>(reasons).forEach((test, reason) -> notes.add("disabled " + test + ": " + reason));
        return this;
    }

    public String render() {
        StringBuilder text = new StringBuilder(title).append(System.lineSeparator()).append(System.lineSeparator());
        text.append(String.format(ROW_FORMAT, "run", "status", "passed", "failed", "not possible",
                "classes impossible", "seconds"));
        rows.forEach(text::append);
        text.append(System.lineSeparator());
        text.append("not possible: tests SINT skipped because the server lacks what they need;").append(System.lineSeparator());
        text.append("classes impossible: whole test classes skipped for that reason.").append(System.lineSeparator());
        notes.forEach(note -> text.append(note).append(System.lineSeparator()));
        return text.toString();
    }

    public void writeTo(Path file) {
        try {
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
