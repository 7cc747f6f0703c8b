package im.tandem.it.postgres;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which SQL errors Openfire 4.2.0 makes PostgreSQL log on purpose. Everything else in the server's log is a
 * statement that failed, such as a parameter bound with a type the column does not take, which preparing alone
 * cannot reveal.
 */
public final class OpenfireSqlErrors {
    /**
     * SchemaManager renames a legacy Wildfire row in jiveVersion on every boot, and on an empty database it asks
     * ofVersion, then jiveVersion, for the schema version before it runs the install script.
     */
    private static final List<Pattern> SCHEMA_PROBES = List.of(
            Pattern.compile("relation \"jiveversion\" does not exist.*"),
            Pattern.compile("relation \"ofversion\" does not exist.*"));

    private OpenfireSqlErrors() {
    }

    /** The errors the server logged that Openfire's schema check does not explain. */
    public static List<String> unexpected(PostgresServer server) {
        return server.loggedErrors().stream()
                .filter(error -> SCHEMA_PROBES.stream().noneMatch(probe -> probe.matcher(error).matches()))
                .toList();
    }
}
