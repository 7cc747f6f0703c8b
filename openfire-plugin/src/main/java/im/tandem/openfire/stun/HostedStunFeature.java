package im.tandem.openfire.stun;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import im.tandem.ice.stun.SocketRole;
import im.tandem.ice.stun.StunServer;
import im.tandem.ice.stun.StunServerStatistics;

/**
 * Runs ice-bridge's STUN server inside Openfire, as the {@code tandem.stun.*} properties say, and restarts it
 * when they change. In a cluster each node runs it where the configured address is one of its own; a node
 * without that address logs so and runs none.
 */
public final class HostedStunFeature implements PropertyEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(HostedStunFeature.class);
    private static final Set<String> SETTINGS = Set.of(
            HostedStunSettings.ENABLED, HostedStunSettings.PRIMARY, HostedStunSettings.ALTERNATE,
            HostedStunSettings.RATE, HostedStunSettings.BURST);

    private StunServer server;

    public synchronized void start() {
        PropertyEventDispatcher.addListener(this);
        reconfigure();
    }

    public synchronized void stop() {
        PropertyEventDispatcher.removeListener(this);
        closeServer();
    }

    /** The running server's primary address, which clients should be told about; empty when none runs. */
    public synchronized Optional<InetSocketAddress> primaryAddress() {
        return Optional.ofNullable(server).map(running -> running.config().socketAddress(SocketRole.PRIMARY));
    }

    public synchronized Optional<StunServerStatistics> statistics() {
        return Optional.ofNullable(server).map(StunServer::statistics);
    }

    private synchronized void reconfigure() {
        closeServer();
        HostedStunSettings settings = HostedStunSettings.read(JiveGlobals::getProperty);
        settings.problems().forEach(problem -> LOG.warn("STUN server: {}", problem));
        settings.server().ifPresent(config -> {
            StunServer candidate = new StunServer(config);
            try {
                candidate.start();
                server = candidate;
                LOG.info("STUN server listening: {}", config);
            } catch (BindException e) {
                candidate.close();
                LOG.info("STUN server not started on this node, which does not own {}: {}", config, e.getMessage());
            } catch (IOException e) {
                candidate.close();
                LOG.warn("STUN server could not start on {}", config, e);
            }
        });
    }

    private void closeServer() {
        if (server != null) {
            server.close();
            LOG.info("STUN server stopped: {}", server.statistics());
            server = null;
        }
    }

    @Override
    public void propertySet(String property, Map<String, Object> params) {
        if (SETTINGS.contains(property)) {
            reconfigure();
        }
    }

    @Override
    public void propertyDeleted(String property, Map<String, Object> params) {
        propertySet(property, params);
    }

    @Override
    public void xmlPropertySet(String property, Map<String, Object> params) {
    }

    @Override
    public void xmlPropertyDeleted(String property, Map<String, Object> params) {
    }
}
