package im.tandem.client.direct;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The origin-ids (XEP-0359) of the latest messages from one contact, so that a message that arrives twice (once
 * directly, once re-sent through the server) is shown once. Oldest forgotten first.
 */
final class SeenIds {
    /**
     * Duplicates arrive within seconds of the original (the acknowledgement timeout), so ten thousand ids, a few
     * hundred kilobytes per contact, cover the window many times over.
     */
    static final int CAPACITY = 10_000;

    private final Map<String, Boolean> ids = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers the id; false if it was already there. */
    boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
