package im.tandem.it.ice;

import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.channel.Fingerprint;
import im.tandem.ice.channel.arq.ArqConfig;
import im.tandem.ice.session.CandidateType;
import im.tandem.ice.session.IceCandidate;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.IcePath;
import im.tandem.ice.session.IceSession;
import im.tandem.it.lab.PeerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One end of an ICE session, run inside a lab namespace. Signalling goes through standard input and output (see
 * {@link SignalLine}); results are reported as lines: {@code SELECTED type}, {@code SENT sha256},
 * {@code RECEIVED sha256 bytes}, {@code OWN_PATH true|false} (whether the pair left ice4j for a socket of our own),
 * {@code PATH_LOST reason} and then {@code PATH_RELEASED yes|no: why|relayed}
 * (whether the path's local address is free again; {@code relayed} where our end is a TURN allocation), {@code CHANNEL_FAILED reason}, {@code ERROR message}.
 *
 * <p>Arguments: {@code controlling|controlled bytes seed idleSeconds [stun host:port] [turn host:port user pass]}.
 * The controlling peer is the channel's TLS client and sends {@code bytes} seeded random bytes; the controlled peer
 * receives them. Both then stay idle up to {@code idleSeconds}, reporting a lost path if it happens.
 */
public final class IcePeer {

    /**
     * The channel's silence timeout is set well past ICE's path timeout (10 s): with equal timeouts the two layers
     * race to report a cut link, and the lab test checks ICE's consent verdict. The channel's own silence timeout is
     * covered by ChannelTest.
     */
    private static final ChannelConfig CHANNEL_CONFIG =
            ChannelConfig.defaults().withStream(ArqConfig.defaults().withPeerTimeout(Duration.ofSeconds(30)));

    private IcePeer() {
    }

    /**
     * Whether {@code line} reports that the peer failed: {@code ERROR …} from this peer and the others built like it
     * ({@link RepeatingIcePeer}, the channel benchmark's link peer), {@code CHANNEL_FAILED …} from this one. Given to
     * {@link im.tandem.it.lab.PeerProcess} so that a wait fails at the report instead of at its timeout.
     */
    public static boolean reportsFailure(String line) {
        return line.startsWith(PeerMain.ERROR) || line.startsWith("CHANNEL_FAILED");
    }

    public static void main(String[] args) {
        PeerMain.run(out -> run(args, out));
    }

    /**
     * Whether the local address of a direct selected path can be bound again, i.e. nothing holds it any more:
     * {@code yes}, {@code no: why}, or {@code relayed} for a relayed path (ice4j's, whose local end is the TURN
     * server's allocation).
     */
    private static String released(IcePath path) {
        IceCandidate local = path.local();
        if (local.type() == CandidateType.RELAY) {
            return "relayed";
        }
        InetSocketAddress base = local.relatedAddress() == null ? new InetSocketAddress(local.ip(), local.port())
                : new InetSocketAddress(local.relatedAddress(), local.relatedPort());
        try (DatagramSocket probe = new DatagramSocket(base)) {
            return "yes";
        } catch (IOException e) {
            return "no: " + base + " is still bound (" + e.getMessage() + ")";
        }
    }

    private static void run(String[] args, PrintStream out) throws Exception {
        boolean controlling = "controlling".equals(args[0]);
        int bytes = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int idleSeconds = Integer.parseInt(args[3]);
        IceConfig config = ServerArguments.iceConfig(Arrays.asList(args).subList(4, args.length));
        ChannelIdentity identity = ChannelIdentity.generate();
        try (IceSession session = IceSession.create(config)) {
            Signalling.describe(session, identity.fingerprint(), out);
            Fingerprint peer = Signalling.accept(session,
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));

            CountDownLatch lost = new CountDownLatch(1);
            AtomicReference<IcePath> selected = new AtomicReference<>();
            session.setPathListener(reason -> {
                out.println("PATH_LOST " + reason);
                out.println("PATH_RELEASED " + released(selected.get()));
                lost.countDown();
            });
            IcePath path = session.connect(controlling ? IceSession.Role.CONTROLLING : IceSession.Role.CONTROLLED)
                    .get();
            selected.set(path);
            out.println("SELECTED " + path.type() + " " + path.local().type().wireName() + " "
                    + path.remote().type().wireName());
            Channel channel = Channel.open(path.transport(), identity, peer,
                    controlling ? Channel.Role.CLIENT : Channel.Role.SERVER, CHANNEL_CONFIG,
                    cause -> out.println("CHANNEL_FAILED " + cause.getMessage()));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (controlling) {
                byte[] data = new byte[bytes];
                new Random(seed).nextBytes(data);
                OutputStream stream = channel.output();
                stream.write(data);
                stream.close();
                out.println("SENT " + HexFormat.of().formatHex(sha.digest(data)));
            } else {
                byte[] data = channel.input().readAllBytes();
                out.println("RECEIVED " + HexFormat.of().formatHex(sha.digest(data)) + " " + data.length);
            }
            out.println("OWN_PATH " + session.ownsSelectedPath());
            out.println("IDLE");
            lost.await(idleSeconds, TimeUnit.SECONDS);
            channel.close();
        }
    }
}
