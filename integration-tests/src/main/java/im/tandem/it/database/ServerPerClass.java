package im.tandem.it.database;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts one server (a database server the test drives) before a test class and closes it
 * after the class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServerPerClass<PostgresServer> POSTGRES = new ServerPerClass<>(PostgresServer::start);
 * }</pre>
 *
 * JUnit runs extensions' before-all callbacks ahead of the class's own {@code @BeforeAll} methods and their after-all
 * callbacks after the class's {@code @AfterAll} methods, so the class may boot an Openfire on the server in its own
 * set-up and stop it in its tear-down while the server is still there.
 */
public final class ServerPerClass<S extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<S> start;
    private S server;

    public ServerPerClass(Supplier<S> start) {
        this.start = start;
    }

    /** The running server; only between the class's set-up and tear-down. */
    public S server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while the test class does");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = start.get();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }
}
