package im.tandem.it.web;

import java.net.URI;

import im.tandem.it.net.LoopbackServers;
import im.tandem.it.openfire.OpenfireSettings;

/**
 * Openfire's HTTP binding port (BOSH, WebSocket and the plugin's web chat), which the harness keeps off unless a test
 * turns it on: here on a free loopback port, with the TLS port on another, so that no fixed port (7070, 7443) is
 * taken and tests can run side by side.
 */
public record WebChatPort(int plain, int secure) {
    public static WebChatPort free() {
        return new WebChatPort(LoopbackServers.freePort(), LoopbackServers.freePort());
    }

    public OpenfireSettings.Builder enable(OpenfireSettings.Builder settings) {
        return settings.property("httpbind.enabled", "true")
                .property("httpbind.port.plain", Integer.toString(plain))
                .property("httpbind.port.secure", Integer.toString(secure));
    }

    public URI uri(String path) {
        return URI.create("http://" + LoopbackServers.address() + ":" + plain + path);
    }
}
