package im.tandem.openfire.config;

/** Where settings come from: Openfire's system properties in the server, a map in tests. */
@FunctionalInterface
public interface PropertySource {
    /** The raw value, or null when the property is not set. */
    String get(String name);
}
