package im.tandem.it.openfire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * An Openfire installation directory in the layout of Openfire's release tarballs ({@code lib/*.jar},
 * {@code resources/database/}, {@code plugins/admin/}). The installation itself is only read: each home gets
 * copies of the schema scripts and the admin console, as a fresh install would have them.
 */
final class InstalledOpenfire implements OpenfireDistribution {
    /** The jar whose manifest names the release. */
    private static final String SERVER_JAR_PREFIX = "xmppserver";
    /** Openfire's own logging configuration; it writes to {@code <openfireHome>/logs/openfire.log}. */
    private static final String LOGGING_CONFIGURATION = "lib/log4j2.xml";

    /** What every Openfire release tarball unpacks to, and the harness uses. */
    private static final List<String> REQUIRED_DIRECTORIES = List.of("lib", "resources/database", "plugins/admin");

    private static final Map<Path, InstalledOpenfire> READ = new ConcurrentHashMap<>();

    private final Path root;
    private final String version;
    private final List<Path> libraries;

    private InstalledOpenfire(Path root, String version, List<Path> libraries) {
        this.root = root;
        this.version = version;
        this.libraries = libraries;
    }

    /**
     * The installation at this directory, read once per JVM (every settings builder asks for it).
     *
     * @throws IllegalArgumentException when it is not an Openfire installation, saying what is missing
     */
    static InstalledOpenfire at(Path directory) {
        return READ.computeIfAbsent(directory.toAbsolutePath().normalize(), InstalledOpenfire::read);
    }

    private static InstalledOpenfire read(Path root) {
        Path lib = root.resolve("lib");
        for (String required : REQUIRED_DIRECTORIES) {
            if (!Files.isDirectory(root.resolve(required))) {
                throw new IllegalArgumentException(root + " is not an Openfire installation: it has no " + required
                        + "/, which an unpacked Openfire release tarball has");
            }
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
        Path serverJar = jars.stream()
                .filter(jar -> jar.getFileName().toString().startsWith(SERVER_JAR_PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(root + " is not an Openfire installation: lib/ has no "
                        + SERVER_JAR_PREFIX + "*.jar"));
        return new InstalledOpenfire(root, versionOf(serverJar), jars);
    }

    @Override
    public boolean hasAdminConsole() {
        return true;
    }

    /** {@code true}: its resources/database holds every script. */
    @Override
    public boolean hasOwnSchemaScripts() {
        return true;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Path> libraries() {
        return libraries;
    }

    @Override
    public void layOut(OpenfireHome home) throws IOException {
        copyTree(root.resolve("resources/database"), home.root().resolve("resources/database"), true);
        // The admin console is a plugin Openfire loads before it opens the client listeners; a home keeps its
        // copy (Openfire writes into it), so it is copied only once.
        copyTree(root.resolve("plugins/admin"), home.root().resolve("plugins/admin"), false);
    }

    @Override
    public List<String> startupOptions(OpenfireHome home) {
        return List.of("-Dlog4j.configurationFile=" + root.resolve(LOGGING_CONFIGURATION),
                "-Dopenfire.lib.dir=" + root.resolve("lib"));
    }

    private static String versionOf(Path serverJar) {
        try (JarFile jar = new JarFile(serverJar.toFile())) {
            String version = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException(serverJar + " names no Implementation-Version in its manifest");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + serverJar, e);
        }
    }

    private static void copyTree(Path from, Path to, boolean replace) throws IOException {
        if (!replace && Files.exists(to)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Openfire " + version + " (" + root + ")";
    }
}
