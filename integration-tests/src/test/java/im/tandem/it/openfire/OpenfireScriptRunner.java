package im.tandem.it.openfire;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;

/**
 * The SQL script runner of the Openfire under test (SchemaManager.executeSQLScript, private; the same signature from
 * 4.2.0 to 5.1.1), so that a schema script is split and run exactly as that Openfire runs it when it installs or
 * upgrades a schema.
 */
public final class OpenfireScriptRunner {
    private OpenfireScriptRunner() {
    }

    /** Runs the script; fails the test, naming the script, when Openfire's runner rejects it. */
    public static void run(Connection connection, InputStream script, String name) throws Exception {
        try {
            Method runner = OpenfireClasses.load("org.jivesoftware.database.SchemaManager").getDeclaredMethod(
                    "executeSQLScript", Connection.class, InputStream.class, Boolean.class);
            runner.setAccessible(true);
            runner.invoke(null, connection, script, Boolean.FALSE);
        } catch (InvocationTargetException e) {
            throw new AssertionError("Openfire's script runner rejected " + name, e.getCause());
        }
    }
}
