package im.tandem.client.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import im.tandem.client.file.element.IbbTransport;
import im.tandem.client.file.transport.TransportMethod;
import im.tandem.client.file.transport.TransportSettings;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.session.IceConfig;

/**
 * Settings of file transfer. Start from {@link #defaults()}; every value is checked when set, and the error names
 * the setting.
 *
 * @param transports          the transports we use, most preferred first; the peer's support narrows the list
 * @param downloadDirectory   where received files are written (created when missing)
 * @param ibbBlockSize        bytes per in-band packet before base64 (XEP-0047 allows up to 65535)
 * @param s5bConnectTimeout   how long one SOCKS5 candidate may take to connect and answer
 * @param directS5bCandidates whether we connect to SOCKS5 hosts a contact runs itself (its direct candidates, IP
 *                            addresses only); without it only our server's proxies are used
 * @param maxS5bCandidates    how many of a contact's SOCKS5 candidates we try at most
 * @param negotiationTimeout  how long one transport may take to carry its first byte before the next is tried
 * @param confirmationTimeout how long the sender waits for the receiver to confirm the file after the last byte
 * @param idleTimeout         how long a transfer may go without a single byte before it is given up
 * @param incoming            what contacts may send us: file size, transfers at once, free disk space to keep
 * @param transferThreads     the most threads all transfers of a connection use at once (moving bytes,
 *                            connecting); work beyond waits its turn
 * @param ice                 the ICE settings of the direct channel (servers, allowed interfaces)
 * @param channel             the settings of the encrypted channel over ICE
 */
public record FileTransferConfig(List<TransportMethod> transports, Path downloadDirectory, int ibbBlockSize,
                                 Duration s5bConnectTimeout, boolean directS5bCandidates, int maxS5bCandidates,
                                 Duration negotiationTimeout, Duration confirmationTimeout, Duration idleTimeout,
                                 IncomingLimits incoming, int transferThreads, IceConfig ice,
                                 ChannelConfig channel) {
    /** Direct first (fastest, end-to-end encrypted), then the server's proxy, then in-band (XEP-0234 §11.2). */
    public static final List<TransportMethod> DEFAULT_TRANSPORTS =
            List.of(TransportMethod.ICE, TransportMethod.S5B, TransportMethod.IBB);
    /**
     * ~/Downloads/tandem: next to the user's other downloads, but in a folder of its own so that files from
     * contacts never land among (or overwrite) anything else.
     */
    public static final Path DEFAULT_DOWNLOAD_DIRECTORY = Path.of(System.getProperty("user.home"), "Downloads", "tandem");
    /**
     * 4096 bytes, XEP-0047's recommendation and what standard clients expect; measured fast enough on loopback
     * (see the README's benchmark) because the server, not the block count, is the bottleneck.
     */
    public static final int DEFAULT_IBB_BLOCK_SIZE = 4096;
    /** XEP-0260 §4: give up on a candidate that has not connected within 5 seconds. */
    public static final Duration DEFAULT_S5B_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * ICE may take its 10 s connect timeout plus the channel's 10 s handshake; a little more covers a slow
     * signalling round trip before the next transport is tried.
     */
    public static final Duration DEFAULT_NEGOTIATION_TIMEOUT = Duration.ofSeconds(25);
    /** Hashing a large file at the receiver takes no time (it hashes while receiving); 30 s is generous. */
    public static final Duration DEFAULT_CONFIRMATION_TIMEOUT = Duration.ofSeconds(30);
    /** A minute without a byte means the path is dead even on the slowest link. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Off: connecting to a host a contact names tells the contact our address and lets it point us at any machine
     * of our network. The chat program turns it on with --direct, where the user agreed to direct connections.
     */
    public static final boolean DEFAULT_DIRECT_S5B_CANDIDATES = false;
    /**
     * 4: a server rarely announces more than one or two proxies, and each candidate may take the connect timeout;
     * more would only let a contact keep us connecting.
     */
    public static final int DEFAULT_MAX_S5B_CANDIDATES = 4;
    /**
     * 16 threads: each transfer needs one to move its bytes and, briefly, one to connect; 16 carry the incoming
     * transfers the limits allow and the user's own, and a flood of work waits in line instead of adding threads.
     */
    public static final int DEFAULT_TRANSFER_THREADS = 16;

    public FileTransferConfig {
        transports = List.copyOf(Objects.requireNonNull(transports, "transports"));
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports must name at least one of ice, s5b and ibb");
        }
        if (new HashSet<>(transports).size() != transports.size()) {
            throw new IllegalArgumentException("transports lists a transport twice: " + transports);
        }
        if (transports.contains(TransportMethod.IBB) && transports.get(transports.size() - 1) != TransportMethod.IBB) {
            throw new IllegalArgumentException("transports must put ibb last (XEP-0234 §11.2 makes in-band the "
                    + "transport of last resort), got " + transports);
        }
        Objects.requireNonNull(downloadDirectory, "downloadDirectory");
        if (ibbBlockSize < 1 || ibbBlockSize > IbbTransport.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("ibbBlockSize must be 1 to "
                    + IbbTransport.MAX_BLOCK_SIZE + " (XEP-0047), got " + ibbBlockSize);
        }
        requirePositive(s5bConnectTimeout, "s5bConnectTimeout");
        requirePositive(negotiationTimeout, "negotiationTimeout");
        requirePositive(confirmationTimeout, "confirmationTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        if (maxS5bCandidates < 1) {
            throw new IllegalArgumentException("maxS5bCandidates must be at least 1, got " + maxS5bCandidates);
        }
        Objects.requireNonNull(incoming, "incoming");
        if (transferThreads < 1) {
            throw new IllegalArgumentException("transferThreads must be at least 1, got " + transferThreads);
        }
        Objects.requireNonNull(ice, "ice");
        Objects.requireNonNull(channel, "channel");
    }

    /** What the transports need of these settings. */
    public TransportSettings transportSettings() {
        return new TransportSettings(ibbBlockSize, s5bConnectTimeout, directS5bCandidates, maxS5bCandidates,
                idleTimeout, ice, channel);
    }

    public static FileTransferConfig defaults() {
        return new FileTransferConfig(DEFAULT_TRANSPORTS, DEFAULT_DOWNLOAD_DIRECTORY, DEFAULT_IBB_BLOCK_SIZE,
                DEFAULT_S5B_CONNECT_TIMEOUT, DEFAULT_DIRECT_S5B_CANDIDATES, DEFAULT_MAX_S5B_CANDIDATES,
                DEFAULT_NEGOTIATION_TIMEOUT, DEFAULT_CONFIRMATION_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                IncomingLimits.defaults(), DEFAULT_TRANSFER_THREADS, IceConfig.defaults(), ChannelConfig.defaults());
    }

    public FileTransferConfig withTransports(List<TransportMethod> value) {
        return edit(copy -> copy.transports = value);
    }

    public FileTransferConfig withDownloadDirectory(Path value) {
        return edit(copy -> copy.downloadDirectory = value);
    }

    public FileTransferConfig withIbbBlockSize(int value) {
        return edit(copy -> copy.ibbBlockSize = value);
    }

    public FileTransferConfig withS5bConnectTimeout(Duration value) {
        return edit(copy -> copy.s5bConnectTimeout = value);
    }

    public FileTransferConfig withDirectS5bCandidates(boolean value) {
        return edit(copy -> copy.directS5bCandidates = value);
    }

    public FileTransferConfig withMaxS5bCandidates(int value) {
        return edit(copy -> copy.maxS5bCandidates = value);
    }

    public FileTransferConfig withNegotiationTimeout(Duration value) {
        return edit(copy -> copy.negotiationTimeout = value);
    }

    public FileTransferConfig withConfirmationTimeout(Duration value) {
        return edit(copy -> copy.confirmationTimeout = value);
    }

    public FileTransferConfig withIdleTimeout(Duration value) {
        return edit(copy -> copy.idleTimeout = value);
    }

    public FileTransferConfig withIncoming(IncomingLimits value) {
        return edit(copy -> copy.incoming = value);
    }

    public FileTransferConfig withTransferThreads(int value) {
        return edit(copy -> copy.transferThreads = value);
    }

    public FileTransferConfig withIce(IceConfig value) {
        return edit(copy -> copy.ice = value);
    }

    public FileTransferConfig withChannel(ChannelConfig value) {
        return edit(copy -> copy.channel = value);
    }

    /** This configuration with one setting changed; the canonical constructor checks the result. */
    private FileTransferConfig edit(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** A configuration's settings as variables, so that each {@code with...} names only the one it changes. */
    private static final class Copy {
        private List<TransportMethod> transports;
        private Path downloadDirectory;
        private int ibbBlockSize;
        private Duration s5bConnectTimeout;
        private boolean directS5bCandidates;
        private int maxS5bCandidates;
        private Duration negotiationTimeout;
        private Duration confirmationTimeout;
        private Duration idleTimeout;
        private IncomingLimits incoming;
        private int transferThreads;
        private IceConfig ice;
        private ChannelConfig channel;

        Copy(FileTransferConfig from) {
            transports = from.transports;
            downloadDirectory = from.downloadDirectory;
            ibbBlockSize = from.ibbBlockSize;
            s5bConnectTimeout = from.s5bConnectTimeout;
            directS5bCandidates = from.directS5bCandidates;
            maxS5bCandidates = from.maxS5bCandidates;
            negotiationTimeout = from.negotiationTimeout;
            confirmationTimeout = from.confirmationTimeout;
            idleTimeout = from.idleTimeout;
            incoming = from.incoming;
            transferThreads = from.transferThreads;
            ice = from.ice;
            channel = from.channel;
        }

        FileTransferConfig build() {
            return new FileTransferConfig(transports, downloadDirectory, ibbBlockSize, s5bConnectTimeout,
                    directS5bCandidates, maxS5bCandidates, negotiationTimeout, confirmationTimeout, idleTimeout,
                    incoming, transferThreads, ice, channel);
        }
    }

    private static void requirePositive(Duration value, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be positive, was " + value);
        }
    }
}
