package im.tandem.openfire.extdisco;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import org.jivesoftware.openfire.XMPPServer;

/** Installs XEP-0215 into the server while the plugin is loaded, and removes every trace when it unloads. */
public final class ExtDiscoFeature {
    private final ExtDiscoIQHandler handler;

    /** @param hostedStun the plugin's own STUN server's address while it runs */
    public ExtDiscoFeature(Supplier<Optional<InetSocketAddress>> hostedStun) {
        this.handler = new ExtDiscoIQHandler(new ServiceDirectory(Clock.systemUTC(), hostedStun));
    }

    public void start() {
        XMPPServer server = XMPPServer.getInstance();
        server.getIQRouter().addHandler(handler);
        server.getIQDiscoInfoHandler().addServerFeature(ExtDiscoIQHandler.NAMESPACE);
    }

    public void stop() {
        XMPPServer server = XMPPServer.getInstance();
        server.getIQDiscoInfoHandler().removeServerFeature(ExtDiscoIQHandler.NAMESPACE);
        server.getIQRouter().removeHandler(handler);
    }
}
