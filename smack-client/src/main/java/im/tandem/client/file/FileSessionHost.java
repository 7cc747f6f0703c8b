package im.tandem.client.file;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jivesoftware.smack.XMPPConnection;

import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.jingle.policy.PeerPolicy;
import im.tandem.client.jingle.session.JingleSignalling;
import im.tandem.ice.net.Scheduler;

/**
 * What every file session of one connection shares: the connection and its Jingle signalling, who may transfer
 * with us, the current settings, the transports, a pool for blocking work, and the time (a scheduler, so that
 * tests can move the clock by hand).
 */
record FileSessionHost(XMPPConnection connection, JingleSignalling signalling, PeerPolicy policy,
                       Supplier<FileTransferConfig> config, Map<TransportMethod, TransportFactory> factories,
                       Executor executor, Scheduler scheduler) {
}
