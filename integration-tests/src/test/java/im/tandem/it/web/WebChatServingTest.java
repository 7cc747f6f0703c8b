package im.tandem.it.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import im.tandem.it.openfire.HarnessPaths;
import im.tandem.it.openfire.OpenfireExtension;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * The plugin serves the web chat on Openfire's HTTP binding port, next to BOSH, on every Openfire the suite runs
 * (Jetty 9 in 4.2.0, Jetty 12 in 5.1.1), and takes it away again when the plugin is unloaded.
 */
@Tag("server")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebChatServingTest {
    /** Openfire's plugin monitor scans every 5 s in development mode; unloading takes a scan or two. */
    private static final Duration RELOAD_LIMIT = Duration.ofSeconds(40);
    private static final WebChatPort PORT = WebChatPort.free();

    @RegisterExtension
    static final OpenfireExtension OPENFIRE = new OpenfireExtension(
            PORT.enable(OpenfireSettings.builder()).property("tandem.web.allowedOrigins", "http://shop.example")
                    .build());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void theEmbedScriptIsServedAsJavaScript() throws Exception {
        HttpResponse<String> response = get("/tandem/embed.js", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("cross-origin");
        assertThat(response.body()).contains("tandem");
    }

    @Test
    @Order(1)
    void thePageIsCrossOriginIsolated() throws Exception {
        HttpResponse<String> response = get("/tandem/", null);

        assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Cross-Origin-Embedder-Policy")).hasValue("require-corp");
    }

    @Test
    @Order(1)
    void thePageIsServedWithAPolicyThatAllowsNoInlineScriptAndOnlyTheListedFramingSites() throws Exception {
        HttpResponse<String> response = get("/tandem/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(
                policy).contains("script-src 'self';").doesNotContain("unsafe-inline")
                .endsWith("frame-ancestors 'self' http://shop.example"));
    }

    @Test
    @Order(1)
    void onlyAnAllowedOriginMayReadTheFilesFromScript() throws Exception {
        assertThat(get("/tandem/embed.css", "http://shop.example").headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("http://shop.example");
        assertThat(get("/tandem/embed.css", "http://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @Order(1)
    void nothingOutsideTheWebChatsFilesIsServed() throws Exception {
        assertThat(get("/tandem/missing.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/tandem/%2e%2e/%2e%2e/plugin.xml", null).statusCode()).isIn(400, 404);
        assertThat(get("/tandem/TandemPlugin.class", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void boshIsStillServedBesideTheWebChat() throws Exception {
        assertThat(boshSessionRequest()).contains("sid=");
    }

    @Test
    @Order(2)
    void unloadingThePluginRemovesTheContextAndLeavesBoshRunning() throws Exception {
        try {
            OPENFIRE.server().home().uninstallPlugin();
            await().atMost(RELOAD_LIMIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> get("/tandem/embed.js", null).statusCode() == 404);
            assertThat(boshSessionRequest()).contains("sid=");
        } finally {
            OPENFIRE.server().home().installPlugin(HarnessPaths.pluginJar());
        }
        await().atMost(RELOAD_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/tandem/embed.js", null).statusCode() == 200);
    }

    /** Opens a BOSH session (XEP-0124) and returns the server's answer, which carries the session's id. */
    private String boshSessionRequest() throws IOException, InterruptedException {
        String body = "<body rid='1' to='" + OPENFIRE.server().domain() + "' wait='5' hold='1' ver='1.6' "
                + "xmlns='http://jabber.org/protocol/httpbind'/>";
        HttpRequest request = HttpRequest.newBuilder(PORT.uri("/http-bind/")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml; charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> get(String path, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(PORT.uri(path)).timeout(Duration.ofSeconds(10));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
