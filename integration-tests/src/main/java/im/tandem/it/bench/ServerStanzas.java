package im.tandem.it.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stanzas two clients sent through the server within a time window, by kind: counted from the
 * {@code SERVER-STANZA nanos KIND} lines a {@link DirectBenchPeer} prints for each stanza it sends there. The times are {@link System#nanoTime()}, which every process on one machine reads from the same clock.
 */
record ServerStanzas(Map<String, Integer> byKind) {
    static final String LINE = "SERVER-STANZA ";

    /** Counts the lines of both peers whose time falls within {@code [start, end]}. */
    static ServerStanzas within(long start, long end, List<String> first, List<String> second) {
        Map<String, Integer> byKind = new TreeMap<>();
        for (List<String> lines : List.of(first, second)) {
            for (String line : lines) {
                String[] fields = line.split(" ");
                long at = Long.parseLong(fields[1]);
                if (at >= start && at <= end) {
                    byKind.merge(fields[2], 1, Integer::sum);
                }
            }
        }
        return new ServerStanzas(Map.copyOf(byKind));
    }

    int total() {
        return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Each kind with its count, most frequent first; "none" when there were none. */
    String describe() {
        if (byKind.isEmpty()) {
            return "none";
        }
        return byKind.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", "));
    }
}
