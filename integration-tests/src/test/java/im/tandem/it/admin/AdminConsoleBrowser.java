package im.tandem.it.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Openfire's admin console as an admin's browser uses it: the login form (with the console's CSRF cookie), then
 * pages behind the login, the session kept in cookies.
 */
final class AdminConsoleBrowser {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    private AdminConsoleBrowser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT).build();
    }

    /** Logs in as an admin, as the console's login page does, and fails unless the console let him in. */
    static AdminConsoleBrowser login(String host, int port, String username, String password)
            throws IOException, InterruptedException {
        AdminConsoleBrowser browser = new AdminConsoleBrowser(URI.create("http://" + host + ":" + port + "/"));
        browser.get("login.jsp");
        String csrf = browser.cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("csrf")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("the login page set no csrf cookie"));
        HttpResponse<String> answer = browser.post("login.jsp",
                Map.of("login", "true", "csrf", csrf, "username", username, "password", password));
        if (answer.uri().getPath().endsWith("login.jsp")) {
            throw new IllegalStateException("the admin console refused the login of " + username);
        }
        return browser;
    }

    /** A page's HTML; fails unless the console answered it with 200. */
    String page(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = get(path);
        if (answer.statusCode() != 200 || answer.uri().getPath().endsWith("login.jsp")) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + " at " + answer.uri());
        }
        return answer.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
