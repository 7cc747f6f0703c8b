package im.tandem.it.file;

import im.tandem.it.net.LoopbackServers;
import im.tandem.it.openfire.OpenfireSettings;

/** Openfire's SOCKS5 proxy as the file transfer tests need it. */
final class JingleProxy {
    private JingleProxy() {
    }

    /** Turns the proxy on, on a free port, relaying streams negotiated in Jingle. */
    static OpenfireSettings.Builder enable(OpenfireSettings.Builder settings) {
        return settings
                // Openfire's SOCKS5 proxy binds the harness's network interface, 127.0.0.1, and announces that address.
                .property("xmpp.proxy.enabled", "true")
                .property("xmpp.proxy.port", Integer.toString(LoopbackServers.freePort()))
                // Openfire 4.2 relays only streams it saw negotiated by stream initiation (XEP-0096) unless told
                // otherwise; Jingle (XEP-0260) negotiates in <jingle/>, which the proxy does not look into.
                .property("xmpp.proxy.transfer.required", "false");
    }
}
