package im.tandem.it.openfire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import im.tandem.client.TandemClient;
import im.tandem.client.connect.ClientConfig;

/**
 * A JUnit 5 extension that gives a test class its own real Openfire (the {@link OpenfireDistribution#underTest()
 * one under test}) with the freshly built plugin installed, in a fresh home under the temp directory. Register it as
 * a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
 *         .user("alice", "secret").build());
 * }</pre>
 *
 * The home is deleted after the class unless the class failed, so that its logs can be read.
 */
public final class OpenfireExtension implements BeforeAllCallback, AfterTestExecutionCallback, AfterAllCallback {
    private final OpenfireSettings settings;
    private Path home;
    private OpenfireProcess server;
    private boolean anyTestFailed;

    public OpenfireExtension(OpenfireSettings settings) {
        this.settings = settings;
    }

    public OpenfireProcess server() {
        if (server == null) {
            throw new IllegalStateException("Openfire is not started: register the extension on a static field");
        }
        return server;
    }

    /** A client configuration for one of the server's users, pointed at the server's loopback port. */
    public ClientConfig.Builder account(String username, String password) {
        return ClientConfig.forAccount(username + "@" + server().domain(), password)
                .server(server().host(), server().clientPort());
    }

    /** Logs a user in with the password the settings gave it. */
    public TandemClient login(String username) throws Exception {
        return TandemClient.connect(account(username, passwordOf(username)).build());
    }

    public String passwordOf(String username) {
        return settings.users().stream().filter(user -> user.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user '" + username + "' in the settings"))
                .password();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("tandem-openfire-");
        server = OpenfireProcess.start(home, settings, HarnessPaths.pluginJar());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        anyTestFailed |= context.getExecutionException().isPresent();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (anyTestFailed || context.getExecutionException().isPresent()) {
            System.err.println("Openfire home kept for inspection: " + home);
        } else if (home != null) {
            deleteTree(home);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
