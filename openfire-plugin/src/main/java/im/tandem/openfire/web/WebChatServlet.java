package im.tandem.openfire.web;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Serves the web chat's page, script and style sheet from the plugin's jar, with headers that keep them safe. */
final class WebChatServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /**
     * The page runs only its own script and styles, talks only to this server (BOSH or WebSocket on this port),
     * and may be framed only by the sites the admin allows.
     */
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ";

    private final transient Supplier<AllowedOrigins> allowedOrigins;

    WebChatServlet(Supplier<AllowedOrigins> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        String name = path.equals("/") ? WebFiles.INDEX : path.substring(1);
        Optional<WebFiles.WebFile> file = WebFiles.find(name);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such file in the web chat");
            return;
        }
        AllowedOrigins origins = allowedOrigins.get();
        response.setContentType(file.get().contentType());
        response.setHeader("X-Content-Type-Options", "nosniff");
        // A new plugin version brings new files under the same names: revalidate rather than keep a stale bundle.
        response.setHeader("Cache-Control", "no-cache");
        String origin = request.getHeader("Origin");
        if (origins.allows(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
        }
        if (file.get().isPage()) {
            response.setHeader("Content-Security-Policy", PAGE_POLICY + origins.frameAncestors());
            response.setHeader("Referrer-Policy", "no-referrer");
            // Cross-origin isolation: a window of another site that opens the page keeps no handle on it, and the
            // page loads nothing that another site has not agreed to give it (it loads only its own files).
            response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
            response.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
        } else {
            // The script and style sheet are meant for other sites' pages, isolated ones included.
            response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        }
        response.setContentLength(file.get().bytes().length);
        response.getOutputStream().write(file.get().bytes());
    }
}
