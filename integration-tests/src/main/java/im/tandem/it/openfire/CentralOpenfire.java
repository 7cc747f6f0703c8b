package im.tandem.it.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Openfire 4.2.0 as Maven Central has it: the server jar and its dependencies, without the distribution's schema
 * scripts or admin console web application. The harness carries its own schema for the tables 4.2.0 uses and an
 * admin console plugin descriptor without the web application.
 */
final class CentralOpenfire implements OpenfireDistribution {
    static final CentralOpenfire INSTANCE = new CentralOpenfire();
    /** The only Openfire release on Maven Central; the build's dependency on it says the same. */
    static final String VERSION = "4.2.0";
    private static final String SCHEMA_RESOURCE_DIRECTORY = "/im/tandem/it/openfire/";
    /** The databases the harness carries a 4.2.0 schema for: the embedded one and PostgreSQL. */
    private static final List<String> DATABASE_TYPES = List.of("hsqldb", "postgresql");

    private CentralOpenfire() {
    }

    @Override
    public boolean hasAdminConsole() {
        return false;
    }

    /** {@code false}: the harness carries 4.2.0's schema for HSQLDB and PostgreSQL. */
    @Override
    public boolean hasOwnSchemaScripts() {
        return false;
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** As the build resolved them: {@link HarnessPaths#openfireLibraries()}. */
    @Override
    public List<Path> libraries() {
        return HarnessPaths.openfireLibraries();
    }

    @Override
    public void layOut(OpenfireHome home) throws IOException {
        for (String type : DATABASE_TYPES) {
            copySchema(home.root().resolve("resources/database/openfire_" + type + ".sql"));
        }
        home.writeString("plugins/admin/plugin.xml", OpenfireConfigFile.renderAdminPlugin());
        home.writeString("conf/log4j.properties", OpenfireConfigFile.renderLogging(home.logFile()));
    }

    @Override
    public List<String> startupOptions(OpenfireHome home) {
        return List.of("-Dlog4j.configuration=" + home.root().resolve("conf/log4j.properties").toUri());
    }

    private static void copySchema(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        String resource = SCHEMA_RESOURCE_DIRECTORY + target.getFileName();
        try (InputStream in = CentralOpenfire.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the schema " + resource + " is not on the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "Openfire " + VERSION + " (Maven Central)";
    }
}
