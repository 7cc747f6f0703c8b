package im.tandem.client.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import org.jivesoftware.smack.Manager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;

import im.tandem.client.file.element.FileDescription;
import im.tandem.client.file.element.FileHash;
import im.tandem.client.file.provider.FileProviders;
import im.tandem.client.file.transport.TransportFactory;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.ibb.IbbAcceptor;
import im.tandem.client.file.transport.ibb.IbbFactory;
import im.tandem.client.file.transport.ice.IceFactory;
import im.tandem.client.file.transport.s5b.S5bFactory;
import im.tandem.client.jingle.TandemJingleManager;
import im.tandem.ice.concurrent.DaemonThreads;
import im.tandem.ice.net.ExecutorScheduler;

/**
 * File transfer for one connection (XEP-0234 with XEP-0300 hashes), built on {@link TandemJingleManager}: files go
 * to and come from mutual contacts only, over the direct channel (ICE) when both sides are Tandem clients, else
 * SOCKS5 through the server's proxy (XEP-0260), else in-band (XEP-0261). Create it before logging in, so that its
 * features are in the first presence's entity capabilities (XEP-0115).
 *
 * <p>Smack's own SOCKS5 server is switched off for the whole JVM: it listens on every interface and offers every
 * local address, which is not what a user agreed to share. Only the server's proxies are offered.
 */
public final class TandemFileTransferManager extends Manager {
    /** XEP-0300's features: its namespace and the one algorithm we hash with. */
    public static final List<String> HASH_FEATURES = List.of(FileHash.NAMESPACE,
            "urn:xmpp:hash-function-text-names:" + FileHash.SHA_256);

    private static final Map<XMPPConnection, TandemFileTransferManager> INSTANCES = new WeakHashMap<>();
    /** One daemon thread for every connection's timers: a task only ends a session or moves to the next transport. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.numbered("file-transfer-timer"));

    static {
        FileProviders.register();
        Socks5Proxy.setLocalSocks5ProxyEnabled(false);
    }

    private final FileSessions sessions;
    private final ThreadPoolExecutor executor;
    private volatile FileTransferConfig config = FileTransferConfig.defaults();

    private TandemFileTransferManager(XMPPConnection connection) {
        super(connection);
        TandemJingleManager jingle = TandemJingleManager.getInstanceFor(connection);
        Map<TransportMethod, TransportFactory> factories = new EnumMap<>(TransportMethod.class);
        factories.put(TransportMethod.ICE, new IceFactory());
        factories.put(TransportMethod.S5B, new S5bFactory(connection));
        factories.put(TransportMethod.IBB, new IbbFactory(IbbAcceptor.install(connection)));
        executor = TransferThreads.pool(config.transferThreads(), DaemonThreads.numbered("file-transfer"));
        sessions = new FileSessions(new FileSessionHost(connection, jingle.sessions().signalling(),
                jingle.sessions().policy(), () -> config, Map.copyOf(factories), executor,
                new ExecutorScheduler(TIMERS)), jingle.sessions());
        advertise(config);
    }

    /** The one manager of this connection, created on first use. */
    public static synchronized TandemFileTransferManager getInstanceFor(XMPPConnection connection) {
        return INSTANCES.computeIfAbsent(connection, TandemFileTransferManager::new);
    }

    public FileTransferConfig config() {
        return config;
    }

    /** Replaces the settings; transfers already running keep the transports they have. */
    public void setConfig(FileTransferConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        TransferThreads.resize(executor, newConfig.transferThreads());
        advertise(newConfig);
    }

    /** Who decides about offers from mutual contacts. Until set, every offer is declined. */
    public void setIncomingFileHandler(IncomingFileHandler handler) {
        sessions.setIncomingHandler(handler);
    }

    /**
     * Offers {@code file} to an online resource of the contact that takes files. Returns once the offer is on its way; the transfer reports the rest.
     *
     * @throws FileTransferException when the contact is not a mutual contact, is offline, or takes no files over
     *                               a transport we use; nothing is sent then
     */
    public FileTransfer send(EntityBareJid contact, Path file, FileTransferListener listener)
            throws FileTransferException, IOException, InterruptedException {
        Roster roster = Roster.getInstanceFor(connection());
        for (Presence presence : roster.getAvailablePresences(contact)) {
            FullJid resource = presence.getFrom().asFullJidIfPossible();
            if (resource != null && !plan(resource).isEmpty()) {
                return send(resource, file, listener);
            }
        }
        throw new FileTransferException(JingleReason.Reason.unsupported_applications, contact
                + " has no online client that takes files over " + routes(config.transports()));
    }

    /**
     * Offers {@code file} to one resource of a mutual contact.
     *
     * @throws FileTransferException as {@link #send(EntityBareJid, Path, FileTransferListener)}
     * @throws IOException           when the file cannot be read
     */
    public FileTransfer send(FullJid peer, Path file, FileTransferListener listener)
            throws FileTransferException, IOException, InterruptedException {
        if (!TandemJingleManager.getInstanceFor(connection()).sessions().policy().mayConnectDirectly(peer.asBareJid())) {
            throw new FileTransferException(JingleReason.Reason.decline, peer.asBareJid() + " is not a mutual "
                    + "contact: files are only exchanged with contacts subscribed to each other's presence");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(file + " is not a readable file");
        }
        List<TransportMethod> plan = plan(peer);
        if (plan.isEmpty()) {
            throw new FileTransferException(JingleReason.Reason.unsupported_transports, peer
                    + " takes no files over " + routes(config.transports()));
        }
        FileDescription description = FileOffers.describe(file);
        long size = description.file().size().orElseThrow();
        return sessions.offer(peer, file, description, FileOffers.plan(plan, size), listener);
    }

    /** What we would offer {@code peer}: our transports that it supports, in our order; empty if it takes no files. */
    List<TransportMethod> plan(FullJid peer) throws InterruptedException {
        Optional<DiscoverInfo> info = discover(peer);
        if (info.isEmpty() || !info.get().containsFeature(FileDescription.NAMESPACE)) {
            return List.of();
        }
        return config.transports().stream()
                .filter(method -> method.features().stream().allMatch(info.get()::containsFeature)).toList();
    }

    private Optional<DiscoverInfo> discover(FullJid peer) throws InterruptedException {
        try {
            return Optional.of(ServiceDiscoveryManager.getInstanceFor(connection()).discoverInfo(peer));
        } catch (XMPPException | SmackException e) {
            return Optional.empty();
        }
    }

    /** Advertises file transfer, hashes and the stream transports in use (ICE's features are the Jingle manager's). */
    private void advertise(FileTransferConfig settings) {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection());
        disco.addFeature(FileDescription.NAMESPACE);
        HASH_FEATURES.forEach(disco::addFeature);
        for (TransportMethod method : List.of(TransportMethod.S5B, TransportMethod.IBB)) {
            if (settings.transports().contains(method)) {
                disco.addFeature(method.namespace());
            } else {
                disco.removeFeature(method.namespace());
            }
        }
    }

    private static List<String> routes(List<TransportMethod> methods) {
        return methods.stream().map(TransportMethod::route).toList();
    }
}
