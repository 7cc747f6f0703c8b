package im.tandem.openfire.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values of a submitted form, read with every problem collected rather than stopping at the first, so
 * the user sees all of them at once, each naming its field.
 */
final class FormInput {
    private final Map<String, List<String>> values;
    private final List<String> problems = new ArrayList<>();

    FormInput(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Whether the form carried the field at all (a client may send only what it changes). */
    boolean has(String var) {
        return values.containsKey(var);
    }

    /** The first value, trimmed; empty when the field is missing or empty. */
    String text(String var) {
        List<String> list = values.get(var);
        if (list == null || list.isEmpty() || list.get(0) == null) {
            return "";
        }
        return list.get(0).trim();
    }

    List<String> all(String var) {
        List<String> list = values.get(var);
        return list == null ? List.of() : list.stream().filter(value -> value != null && !value.isBlank())
                .map(String::trim).toList();
    }

    /** A boolean field (XEP-0004: 1, true, 0 or false); the fallback when missing or empty. */
    boolean flag(String var, boolean fallback) {
        String value = text(var).toLowerCase(Locale.ROOT);
        switch (value) {
            case "":
                return fallback;
            case "1":
            case "true":
                return true;
            case "0":
            case "false":
                return false;
            default:
                problem(var, "must be true or false (1 or 0), got '" + value + "'");
                return fallback;
        }
    }

    void problem(String var, String message) {
        problems.add(var + ": " + message);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
