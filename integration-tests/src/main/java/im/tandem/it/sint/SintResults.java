package im.tandem.it.sint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of one SINT run, sorted by test id, as the runner wrote it (integration-tests/src/sint/java/.../ResultsFile.java
 * defines the format: a status line, then one tab-separated line per test or skipped class).
 *
 * @param completed  true when every selected test ran; false after an abort or a time-out
 * @param detail     the runner's one-line account of how the run ended
 * @param passed     the tests that passed, by id ({@code full.ClassName.method}, plus a connection type for
 *                   SINT's low-level tests)
 * @param failed     failed tests and why
 * @param notPossible tests SINT skipped because the server lacks something they need, and what
 * @param impossibleClasses whole test classes skipped for that reason, and what
 */
public record SintResults(boolean completed, String detail, Set<String> passed, Map<String, String> failed,
                          Map<String, String> notPossible, Map<String, String> impossibleClasses) {
    private static final String COMPLETED = "COMPLETED";

    public SintResults {
        passed = Collections.unmodifiableSortedSet(new TreeSet<>(passed));
        failed = Collections.unmodifiableSortedMap(new TreeMap<>(failed));
        notPossible = Collections.unmodifiableSortedMap(new TreeMap<>(notPossible));
        impossibleClasses = Collections.unmodifiableSortedMap(new TreeMap<>(impossibleClasses));
    }

    public static SintResults read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the SINT runner wrote no results to " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("status\t")) {
            throw new IllegalStateException(file + " does not start with a status line");
        }
        String[] status = fields(lines.get(0), 3, file);
        Set<String> passed = new TreeSet<>();
        Map<String, String> failed = new TreeMap<>();
        Map<String, String> notPossible = new TreeMap<>();
        Map<String, String> impossibleClasses = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String kind = line.substring(0, Math.max(0, line.indexOf('\t')));
            switch (kind) {
                case "pass" -> passed.add(fields(line, 2, file)[1]);
                case "fail" -> put(failed, fields(line, 3, file));
                case "not-possible" -> put(notPossible, fields(line, 3, file));
                case "impossible-class" -> put(impossibleClasses, fields(line, 3, file));
                default -> throw new IllegalStateException("unknown record '" + kind + "' in " + file + ": " + line);
            }
        }
        return new SintResults(status[1].equals(COMPLETED), status[1] + ": " + status[2], passed, failed,
                notPossible, impossibleClasses);
    }

    private static String[] fields(String line, int count, Path file) {
        String[] fields = line.split("\t", count);
        if (fields.length != count) {
            throw new IllegalStateException("expected " + count + " tab-separated fields in " + file + ": " + line);
        }
        return fields;
    }

    private static void put(Map<String, String> outcomes, String[] fields) {
        outcomes.put(fields[1], fields[2]);
    }
}
