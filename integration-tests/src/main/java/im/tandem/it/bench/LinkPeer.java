package im.tandem.it.bench;

import im.tandem.ice.channel.Channel;
import im.tandem.ice.channel.ChannelConfig;
import im.tandem.ice.channel.ChannelIdentity;
import im.tandem.ice.transport.DatagramTransport;
import im.tandem.ice.channel.Fingerprint;
import im.tandem.ice.transport.UdpOffload;
import im.tandem.ice.transport.UdpTransport;
import im.tandem.ice.session.IceConfig;
import im.tandem.ice.session.IcePath;
import im.tandem.ice.session.IceSession;
import im.tandem.it.ice.SignalLine;
import im.tandem.it.ice.Signalling;
import im.tandem.it.lab.PeerMain;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Run by {@link NatBenchmark} inside a lab client's namespace: one end of a byte-stream link of one
 * {@link LinkKind} to a peer in another namespace. It prints its description for the peer (nothing, a fingerprint
 * or an ICE description) and END, reads the peer's, opens the link, then runs {@link LinkWorkload}: the client
 * measures and prints {@code RESULT …}, the server answers.
 *
 * <p>Arguments: {@code client|server kind ownAddress peerAddress tlsKeyStore [loss transfers bytesPerTransfer]}.
 */
public final class LinkPeer {

    /** Runs {@link LossWorkload} instead of {@link LinkWorkload}, followed by transfers and bytes per transfer. */
    static final String LOSS_WORKLOAD = "loss";
    private static final int LOSS_ARGUMENT = 5;

    /** Fixed ports, so that neither side needs to be told the other's: the two namespaces hold nothing else. */
    private static final int TCP_PORT = 5001;
    private static final int UDP_PORT = 5002;

    /** An open link: its two directions and how to tear it down. */
    private record Link(InputStream in, OutputStream out, Closeable resources) {
    }

    private LinkPeer() {
    }

    public static void main(String[] args) {
        PeerMain.run(out -> {
            boolean client = "client".equals(args[0]);
            LinkKind kind = LinkKind.valueOf(args[1]);
            InetAddress own = InetAddress.getByName(args[2]);
            InetAddress peer = InetAddress.getByName(args[3]);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Link link = open(kind, client, own, peer, Path.of(args[4]), in, out);
            if (args.length > LOSS_ARGUMENT && LOSS_WORKLOAD.equals(args[LOSS_ARGUMENT])) {
                int transfers = Integer.parseInt(args[LOSS_ARGUMENT + 1]);
                long bytes = Long.parseLong(args[LOSS_ARGUMENT + 2]);
                out.println(client ? LossWorkload.measure(link.in(), link.out(), transfers, bytes)
                        : LossWorkload.answer(link.in(), link.out(), transfers, bytes));
            } else if (client) {
                out.println(LinkWorkload.measure(link.in(), link.out()));
            } else {
                out.println(LinkWorkload.CPU + " " + LinkWorkload.answer(link.in(), link.out()));
            }
            link.resources().close();
        });
    }

    private static Link open(LinkKind kind, boolean client, InetAddress own, InetAddress peer, Path keyStore,
                             BufferedReader in, PrintStream out) throws Exception {
        return switch (kind) {
            case TCP -> tcp(client, own, peer, ServerSocketFactory.getDefault(), SocketFactory.getDefault(), in, out);
            case TLS -> {
                SSLContext context = BenchTls.context(keyStore);
                yield tcp(client, own, peer, context.getServerSocketFactory(), context.getSocketFactory(), in, out);
            }
            case CHANNEL_UDP_JAVA -> {
                System.setProperty(UdpOffload.PROPERTY, "false"); // this process runs this one link
                yield channelOverUdp(client, own, peer, in, out);
            }
            case CHANNEL_UDP -> channelOverUdp(client, own, peer, in, out);
            case CHANNEL_ICE -> channelOverIce(client, in, out);
        };
    }

    /** The server listens before it says END, so the client connects only once there is something to connect to. */
    private static Link tcp(boolean client, InetAddress own, InetAddress peer, ServerSocketFactory servers,
                            SocketFactory sockets, BufferedReader in, PrintStream out) throws IOException {
        Socket socket;
        if (client) {
            out.println(SignalLine.END);
            skipToEnd(in);
            socket = sockets.createSocket(peer, TCP_PORT);
        } else {
            try (ServerSocket listener = servers.createServerSocket(TCP_PORT, 1, own)) {
                if (listener instanceof SSLServerSocket tls) {
                    tls.setNeedClientAuth(true); // both ends prove themselves, as on the channel
                    tls.setEnabledProtocols(new String[] {BenchTls.PROTOCOL});
                }
                out.println(SignalLine.END);
                skipToEnd(in);
                socket = listener.accept();
            }
        }
        socket.setTcpNoDelay(true); // a ping must not wait for Nagle
        if (socket instanceof SSLSocket tls) {
            tls.setEnabledProtocols(new String[] {BenchTls.PROTOCOL});
            tls.startHandshake();
        }
        return new Link(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    private static Link channelOverUdp(boolean client, InetAddress own, InetAddress peer, BufferedReader in,
                                       PrintStream out) throws IOException {
        UdpTransport transport = UdpTransport.bind(new InetSocketAddress(own, UDP_PORT))
                .connect(new InetSocketAddress(peer, UDP_PORT));
        ChannelIdentity identity = ChannelIdentity.generate();
        Signalling.describe(identity.fingerprint(), out);
        Channel channel = channel(transport, identity, Signalling.accept(in), client, out);
        return new Link(channel.input(), channel.output(), channel);
    }

    private static Link channelOverIce(boolean client, BufferedReader in, PrintStream out) throws Exception {
        IceSession session = IceSession.create(IceConfig.defaults());
        ChannelIdentity identity = ChannelIdentity.generate();
        Signalling.describe(session, identity.fingerprint(), out);
        Fingerprint peer = Signalling.accept(session, in);
        IcePath path = session.connect(client ? IceSession.Role.CONTROLLING : IceSession.Role.CONTROLLED).get();
        Channel channel = channel(path.transport(), identity, peer, client, out);
        return new Link(channel.input(), channel.output(), () -> {
            channel.close();
            session.close();
        });
    }

    private static Channel channel(DatagramTransport transport, ChannelIdentity identity,
                                   Fingerprint peer, boolean client, PrintStream out) throws IOException {
        return Channel.open(transport, identity, peer, client ? Channel.Role.CLIENT : Channel.Role.SERVER,
                ChannelConfig.defaults(),
                cause -> out.println(PeerMain.ERROR + " channel failed: " + cause.getMessage()));
    }

    private static void skipToEnd(BufferedReader in) throws IOException {
        for (String line = in.readLine(); !SignalLine.END.equals(line); line = in.readLine()) {
            if (line == null) {
                throw new IOException("signalling ended before " + SignalLine.END);
            }
        }
    }
}
