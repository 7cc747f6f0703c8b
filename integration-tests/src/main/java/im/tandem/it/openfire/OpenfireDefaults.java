package im.tandem.it.openfire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Openfire system properties the harness sets on every boot, each with the reason it is needed. A
 * `--property` given by the user overrides any of them.
 */
final class OpenfireDefaults {
    /**
     * MINA 2.0.7's executor rejects Openfire's default thread counts on Java 9 and later, and then no
     * listener starts; a small fixed count is plenty for a development server.
     */
    static final String PROCESSING_THREADS = "3";

    private OpenfireDefaults() {
    }

    static Map<String, String> forClientPort(int clientPort) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("xmpp.client.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.server.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.component.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.multiplex.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.client_ssl.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.component.ssl.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.multiplex.ssl.processing.threads", PROCESSING_THREADS);
        defaults.put("xmpp.socket.plain.port", Integer.toString(clientPort));
        // 4.2.0 leaves TCP_NODELAY off: a chat round trip takes tens of milliseconds instead of one or two.
        defaults.put("xmpp.socket.tcp-nodelay", "true");
        // TLS 1.3 after STARTTLS intermittently stalls on this server; 1.2 does not.
        defaults.put("xmpp.socket.ssl.client.protocols", "TLSv1.2");
        // Nothing but the client port: no legacy TLS port, no s2s, components, multiplexers or BOSH.
        defaults.put("xmpp.socket.ssl.active", "false");
        defaults.put("xmpp.server.socket.active", "false");
        defaults.put("xmpp.component.socket.active", "false");
        defaults.put("xmpp.multiplex.socket.active", "false");
        defaults.put("xmpp.component.ssl.active", "false");
        // 4.8 and later also listen for server-to-server direct TLS, on the fixed port 5270.
        defaults.put("xmpp.server.socket.ssl.active", "false");
        defaults.put("xmpp.multiplex.ssl.active", "false");
        defaults.put("httpbind.enabled", "false");
        // The SOCKS5 proxy binds every interface; a test that needs it turns it on with its own port.
        defaults.put("xmpp.proxy.enabled", "false");
        defaults.put("mediaproxy.enabled", "false");
        // The Flash cross-domain policy listener takes a fixed port (5229), which a second server cannot have.
        defaults.put("flash.crossdomain.enabled", "false");
        // Openfire 4.2.0 looks for plugin jars every 5 s in development mode; later releases every 20 s, whatever the
        // mode, unless told otherwise. Installing or removing a jar should take effect as quickly on every release.
        defaults.put("plugins.loading.monitor.interval", "5");
        // 4.8 and later stop Netty's shared event loops one after the other, each only after a quiet period (2 s by
        // default) in which no task came; a development server stopped after its clients have gone has none coming.
        defaults.put("xmpp.socket.netty.graceful-shutdown.quiet-period", "100");
        // A development server must not call home.
        defaults.put("update.service-enabled", "false");
        defaults.put("xmpp.auth.anonymous", "false");
        return defaults;
    }
}
