package im.tandem.openfire.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import im.tandem.openfire.config.OpenfireProperties;
import im.tandem.openfire.config.PropertyReader;

/**
 * The embeddable web chat, served at {@value #CONTEXT_PATH} on Openfire's HTTP binding port next to BOSH
 * ({@code /http-bind/}) and WebSocket ({@code /ws/}), which the chat uses to log in.
 */
public final class WebChatFeature {
    public static final String CONTEXT_PATH = "/tandem";
    private static final Logger LOG = LoggerFactory.getLogger(WebChatFeature.class);

    private final PropertyReader properties = new PropertyReader(new OpenfireProperties());
    /** Each mistaken setting is logged once, not on every request. */
    private final Set<List<String>> reported = ConcurrentHashMap.newKeySet();
    private JettyContexts.Installed installed;

    /** Adds the context; a server whose HTTP binding cannot take it keeps running, without the web chat. */
    public void start() {
        try {
            installed = JettyContexts.install(CONTEXT_PATH, new WebChatServlet(this::allowedOrigins));
            LOG.info("Tandem web chat served at {}/ on the HTTP binding port ({})", CONTEXT_PATH, installed.jetty());
        } catch (RuntimeException e) {
            LOG.error("The Tandem web chat is not served: {}", e.getMessage(), e);
        }
    }

    public void stop() {
        if (installed != null) {
            installed.remove();
            installed = null;
            LOG.info("Tandem web chat removed from {}/", CONTEXT_PATH);
        }
    }

    /** Read on each request, so that a change in the admin console applies at once. */
    private AllowedOrigins allowedOrigins() {
        List<String> rejected = new ArrayList<>();
        AllowedOrigins origins = AllowedOrigins.parse(
                properties.string(AllowedOrigins.PROPERTY, AllowedOrigins.DEFAULT), rejected);
        if (!rejected.isEmpty() && reported.add(rejected)) {
            LOG.warn("{} lists {}, which {} not an origin such as https://www.example.org; left out",
                    AllowedOrigins.PROPERTY, rejected, rejected.size() == 1 ? "is" : "are");
        }
        return origins;
    }
}
