package im.tandem.it.openfire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which Openfire the harness boots: 4.2.0 from Maven Central (the build resolves it), or an Openfire installation
 * directory as admins unpack it from a release tarball. Each brings its own server libraries, its own database
 * schema scripts and its own logging set-up into a home the harness lays out.
 */
public sealed interface OpenfireDistribution permits CentralOpenfire, InstalledOpenfire {
    /**
     * The system property naming an Openfire installation directory to test against; when it is unset or empty,
     * the harness boots 4.2.0 from Maven Central. `./tandem test --openfire DIR` sets it.
     */
    String INSTALLATION_PROPERTY = "tandem.openfire.installation";

    /** The distribution this JVM's tests and commands boot. */
    static OpenfireDistribution underTest() {
        String installation = System.getProperty(INSTALLATION_PROPERTY, "");
        return installation.isBlank() ? CentralOpenfire.INSTANCE : InstalledOpenfire.at(Path.of(installation));
    }

    /** Openfire's version, such as {@code 5.1.1}, as its server jar says. */
    String version();

    /** Whether its admin console serves pages: an installation has the web application, Maven Central's not. */
    boolean hasAdminConsole();

    /**
     * Whether it brings Openfire's own schema scripts for every database Openfire supports (an installation does);
     * otherwise the harness lays out its own, for HSQLDB and PostgreSQL only.
     */
    boolean hasOwnSchemaScripts();

    /** The server's libraries: what Openfire's own start-up puts on its class path. */
    List<Path> libraries();

    /** Copies what the home needs from the distribution: schema scripts, the admin console plugin. */
    void layOut(OpenfireHome home) throws IOException;

    /** The JVM options Openfire's start-up needs: where its logging configuration (and its lib directory) is. */
    List<String> startupOptions(OpenfireHome home);
}
