package im.tandem.it.openfire;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The classes of the Openfire under test, loaded apart from the tests' own class path (which holds Openfire 4.2.0
 * from Maven Central for the harness), for the few tests that call Openfire's code in their own JVM: its SQL script
 * runner and its JDBC drivers.
 */
public final class OpenfireClasses {
    private static final ClassLoader LOADER = loaderFor(OpenfireDistribution.underTest().libraries());

    private OpenfireClasses() {
    }

    /** The class as the Openfire under test has it. */
    public static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, LOADER);
    }

    /** Whether the Openfire under test ships this class. */
    public static boolean has(String name) {
        try {
            load(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * A connection through the JDBC driver class of the Openfire under test, as that Openfire would open it: the
     * tests' own drivers are 4.2.0's, which may not read what a newer one wrote.
     */
    public static Connection connect(String driverClass, String url, String user, String password)
            throws ReflectiveOperationException, SQLException {
        Driver driver = (Driver) load(driverClass).getConstructor().newInstance();
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        return driver.connect(url, login);
    }

    private static ClassLoader loaderFor(List<Path> libraries) {
        URL[] urls = new URL[libraries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = libraries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException("not a usable library path: " + libraries.get(i), e);
            }
        }
        // The platform loader as parent: the JDK's classes, none of the tests' own libraries.
        return new URLClassLoader("openfire-under-test", urls, ClassLoader.getPlatformClassLoader());
    }
}
