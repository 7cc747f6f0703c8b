package im.tandem.client.notify;

import java.util.List;
import java.util.Map;

/**
 * What a server command answered: its notes (info and errors, each a sentence for the user) and, for
 * reports, the fields of its result form.
 */
public record CommandOutcome(List<String> infos, List<String> errors, Map<String, List<String>> fields) {
    public CommandOutcome {
        infos = List.copyOf(infos);
        errors = List.copyOf(errors);
        fields = Map.copyOf(fields);
    }

    /** True when the server reported no error. */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** The first value of a result field, or empty when the field is missing. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of a (multi-valued) result field. */
    public List<String> values(String name) {
        return fields.getOrDefault(name, List.of());
    }
}
