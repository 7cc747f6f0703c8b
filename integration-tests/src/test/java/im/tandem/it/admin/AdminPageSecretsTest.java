package im.tandem.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.client.TandemClient;
import im.tandem.client.notify.NotifySettingsClient;
import im.tandem.it.net.LoopbackServers;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The admin console's Tandem page, seen by an admin logged in to the real console, and Openfire's log: a gateway
 * URL keeps its scheme, host and port but neither its credentials nor the keys in its path, query or fragment; a
 * template shows only its placeholders; a URL that does not parse is neither shown nor logged.
 */
@Tag("server")
class AdminPageSecretsTest {
    private static final String URL = "tandem.notify.sms.http.url";
    private static final String TEMPLATE = "tandem.notify.sms.http.template";
    private static final String GATEWAY = "https://gw-user:gw-pa55@sms.example:8443/api/path-k3y/send"
            + "?apikey=query-k3y#frag-k3y";
    /** The '|' makes it no URL; it still holds the credentials and a key. */
    private static final String BROKEN_GATEWAY = "https://gw-user:gw-pa55@sms.example/send|broken-k3y";
    private static final List<String> SECRET_PARTS = List.of("gw-user", "gw-pa55", "path-k3y", "query-k3y",
            "frag-k3y", "template-k3y", "broken-k3y");
    private static final String PAGE = "plugins/tandem/tandem-admin";
    private static final int ADMIN_CONSOLE_PORT = LoopbackServers.freePort();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(OpenfireSettings.builder()
            .user("admin", "admin-pw").user("alice", "alice-pw")
            .property("admin.authorizedJIDs", "admin@localhost")
            .adminConsolePort(ADMIN_CONSOLE_PORT)
            .property("tandem.notify.sms.transport", "http")
            .property(URL, GATEWAY)
            .property(TEMPLATE, "to={to}&text={text}&token=template-k3y")
            .build());

    /**
     * The page itself, where there is one: only an installed Openfire has the admin console's web application
     * (4.2.0 from Maven Central has none), so on 4.2.0 these tests do not exist rather than being skipped.
     */
    @TestFactory
    Stream<DynamicTest> theAdminPage() {
        if (!OPENFIRE.server().distribution().hasAdminConsole()) {
            return Stream.empty();
        }
        return Stream.of(
                dynamicTest("shows the gateway and the template without their secret parts",
                        AdminPageSecretsTest::thePageShowsTheGatewayAndTheTemplateWithoutTheirSecretParts),
                dynamicTest("does not show a gateway URL that does not parse",
                        AdminPageSecretsTest::aGatewayUrlThatDoesNotParseIsNotShown));
    }

    private static void thePageShowsTheGatewayAndTheTemplateWithoutTheirSecretParts() throws Exception {
        String page = adminPage();

        assertThat(page).contains("https://********@sms.example:8443/********")
                .contains("******** (uses {to}, {text})");
        assertThat(SECRET_PARTS).noneMatch(page::contains);
    }

    @Test
    void aGatewayUrlThatDoesNotParseIsNotLoggedInFull() throws Exception {
        withBrokenGateway(() -> {
            try (TandemClient alice = OPENFIRE.login("alice")) {
                // The status tells whether SMS is available, which reads the gateway's settings.
                assertThat(new NotifySettingsClient(alice.connection()).status().field("sms_available"))
                        .isEqualTo("false");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(log())
                    .contains("property " + URL + " is '"));
            String log = log();
            assertThat(SECRET_PARTS).noneMatch(log::contains);
            assertThat(log).contains("property " + URL + " is '******** (not a valid URL)'");
        });
    }

    private static void aGatewayUrlThatDoesNotParseIsNotShown() throws Exception {
        withBrokenGateway(() -> {
            String page = adminPage();

            assertThat(page).contains("******** (not a valid URL)");
            assertThat(SECRET_PARTS).noneMatch(page::contains);
        });
    }

    private static void withBrokenGateway(Check check) throws Exception {
        OPENFIRE.server().setProperty(URL, BROKEN_GATEWAY);
        try {
            check.run();
        } finally {
            OPENFIRE.server().setProperty(URL, GATEWAY);
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    private static String log() throws Exception {
        return Files.readString(OPENFIRE.server().home().logFile());
    }

    private static String adminPage() throws Exception {
        return AdminConsoleBrowser.login(OPENFIRE.server().host(), ADMIN_CONSOLE_PORT, "admin", "admin-pw").page(PAGE);
    }
}
