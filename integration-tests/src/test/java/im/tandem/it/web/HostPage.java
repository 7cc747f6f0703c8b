package im.tandem.it.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import im.tandem.it.net.LoopbackServers;

/**
 * A web site of its own, on another loopback port than the chat server (so another origin), whose page embeds the
 * chat with the one script tag the README tells site owners to add.
 */
final class HostPage implements AutoCloseable {
    private final HttpServer server;

    private HostPage(HttpServer server) {
        this.server = server;
    }

    /** The script tag of the README, with {@code data-transport} added when {@code transport} is not empty. */
    static HostPage embedding(URI embedScript, String domain, String transport) throws IOException {
        return embedding(embedScript, domain, transport.isEmpty() ? Map.of() : Map.of("data-transport", transport));
    }

    /** The README's script tag with more of its data attributes ({@code data-direct-retry-delay}, ...). */
    static HostPage embedding(URI embedScript, String domain, Map<String, String> attributes) throws IOException {
        StringBuilder more = new StringBuilder();
        attributes.forEach((name, value) -> more.append(' ').append(name).append("=\"").append(value).append('"'));
        return serving("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>A shop</title></head>
                <body><h1>A shop that embeds the chat</h1>
                <script src="%s" data-domain="%s"%s async></script>
                </body></html>
                """.formatted(embedScript, domain, more), Map.of());
    }

    /**
     * The README's script tag on a site that is cross-origin isolated (COOP and COEP): such a page loads from other
     * origins only what agrees to it (CORP), script and style sheet alike.
     */
    static HostPage isolatedEmbedding(URI embedScript, String domain) throws IOException {
        return serving("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>An isolated shop</title></head>
                <body><h1>A cross-origin isolated shop that embeds the chat</h1>
                <script src="%s" data-domain="%s" async></script>
                </body></html>
                """.formatted(embedScript, domain),
                Map.of("Cross-Origin-Opener-Policy", "same-origin", "Cross-Origin-Embedder-Policy", "require-corp"));
    }

    /** A page that shows the chat's own page in a frame, which only the origins the admin allows may do. */
    static HostPage framing(URI chatPage) throws IOException {
        return serving("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>A shop</title></head>
                <body><h1>A shop that frames the chat</h1>
                <iframe id="chat" src="%s" width="600" height="500"></iframe>
                </body></html>
                """.formatted(chatPage), Map.of());
    }

    private static HostPage serving(String page, Map<String, String> headers) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(LoopbackServers.address(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        server.start();
        return new HostPage(server);
    }

    URI uri() {
        return URI.create(origin() + "/");
    }

    /** What a browser sends as this site's {@code Origin}. */
    String origin() {
        return "http://" + LoopbackServers.address() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
