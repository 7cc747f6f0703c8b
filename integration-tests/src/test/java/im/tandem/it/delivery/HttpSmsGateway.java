package im.tandem.it.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A local HTTP SMS gateway (the JDK's HTTP server on loopback) that records what it is sent. */
final class HttpSmsGateway implements AutoCloseable {
    /** One request as the gateway got it. */
    record Request(String method, String path, Map<String, String> headers, String body) {
        /** The form fields of a form-encoded body. */
        Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                int equals = pair.indexOf('=');
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return fields;
        }
    }

    private final HttpServer server;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    private HttpSmsGateway(HttpServer server) {
        this.server = server;
        server.createContext("/sms", this::handle);
        server.start();
    }

    static HttpSmsGateway start() {
        try {
            return new HttpSmsGateway(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test SMS gateway", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    /** The status code the gateway answers with from now on. */
    void answer(int statusCode) {
        this.status = statusCode;
    }

    List<Request> received() {
        return List.copyOf(received);
    }

    List<Request> await(int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (received.size() >= count) {
                return received();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + count + " gateway requests within " + limit + ", got " + received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
