package im.tandem.ice.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --flag} arguments, checked against the names a command accepts. */
final class Options {
    private final Map<String, String> values;
    private final Set<String> flags;

    private Options(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * @param valued  option names that take a value
     * @param booleans option names that stand alone
     */
    static Options parse(String[] args, Set<String> valued, Set<String> booleans) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (booleans.contains(arg)) {
                flags.add(arg);
            } else if (valued.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                if (values.put(arg, args[++i]) != null) {
                    throw new UsageException(arg + " given more than once");
                }
            } else {
                throw new UsageException("unknown argument: " + arg);
            }
        }
        return new Options(values, flags);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException(name + " is required");
        }
        return value;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    static Set<String> names(String... names) {
        return Set.copyOf(List.of(names));
    }
}
