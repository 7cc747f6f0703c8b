package im.tandem.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import im.tandem.openfire.delivery.DeliveryState;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.notify.DeliveryChannel;
import im.tandem.openfire.testing.TestDatabase;

/**
 * The admin page's servlet in a real servlet container (Jetty, as Openfire runs it), on loopback: a form without
 * the session's token is refused and changes nothing; with it, the action runs once and the page says so.
 */
class TandemAdminServletTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private Server jetty;
    private DeliveryStore deliveries;
    private URI page;
    private HttpClient browser;

    @BeforeEach
    void start() throws Exception {
        deliveries = new DeliveryStore(TestDatabase.create());
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            String id = deliveries.enqueueCode("alice", channel, "alice@example.org", "code", "123456", T0);
            deliveries.markFailed(deliveries.claim(id, "test/1", T0, Duration.ofMinutes(1)).orElseThrow(),
                    "550 mailbox <unavailable>", T0);
        }
        AdminConsole.install(deliveries, Optional::empty, Optional.empty());
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addServlet(TandemAdminServlet.class, "/tandem-admin");
        jetty.setHandler(context);
        jetty.start();
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        page = URI.create("http://127.0.0.1:" + port + "/tandem-admin");
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @AfterEach
    void stop() throws Exception {
        AdminConsole.uninstall();
        jetty.stop();
    }

    @Test
    void thePageListsFailuresEscaped() throws Exception {
        String html = get();
        assertThat(html).contains("550 mailbox &lt;unavailable&gt;").doesNotContain("<unavailable>");
    }

    @Test
    void aPostWithoutOrWithAWrongTokenIsRefusedAndChangesNothing() throws Exception {
        get();
        assertThat(post(Map.of("action", "purge")).statusCode()).isEqualTo(403);
        assertThat(post(Map.of("action", "purge", "csrf", "forged")).statusCode()).isEqualTo(403);
        HttpClient stranger = HttpClient.newHttpClient();
        String token = token(get());
        assertThat(stranger.send(form(Map.of("action", "purge", "csrf", token)), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("a token without its session").isEqualTo(403);
        assertThat(failed(DeliveryChannel.EMAIL) + failed(DeliveryChannel.SMS)).isEqualTo(2);
    }

    @Test
    void aPostWithTheSessionsTokenActsOnceAndSaysSo() throws Exception {
        String token = token(get());

        HttpResponse<String> done = post(Map.of("action", "purge", "channel", "email", "csrf", token));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Purged 1 failed email deliveries.");
        assertThat(failed(DeliveryChannel.EMAIL)).isZero();
        assertThat(failed(DeliveryChannel.SMS)).isEqualTo(1);
        assertThat(get()).doesNotContain("Purged").as("the notice is shown once");
    }

    private String get() throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(page).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(Map<String, String> fields) throws Exception {
        return browser.send(form(fields), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(page).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static String token(String html) {
        Matcher matcher = TOKEN.matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    private long failed(DeliveryChannel channel) throws Exception {
        return deliveries.counts().get(channel).get(DeliveryState.FAILED);
    }
}
