package im.tandem.client.app;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A list of names as one event field: each name encoded as {@link FileFields} does, with commas also escaped
 * ({@code %2C}), joined by commas; {@code -} for an empty list.
 */
final class ListField {
    private ListField() {
    }

    static String encode(List<String> names) {
        if (names.isEmpty()) {
            return FileFields.NONE;
        }
        return names.stream().map(name -> FileFields.encode(name).replace(",", "%2C"))
                .collect(Collectors.joining(","));
    }

    static List<String> decode(String field) {
        if (field.equals(FileFields.NONE)) {
            return List.of();
        }
        return List.of(field.split(",", -1)).stream().map(FileFields::decode).toList();
    }
}
