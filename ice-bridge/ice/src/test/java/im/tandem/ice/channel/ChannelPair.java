package im.tandem.ice.channel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import im.tandem.ice.transport.DatagramTransport;
import im.tandem.ice.transport.UdpTransport;

/** Two channels over loopback UDP sockets, opened concurrently as the two ends of a session would. */
record ChannelPair(Channel client, Channel server, UdpTransport clientSocket, UdpTransport serverSocket)
        implements AutoCloseable {

    /** Only catches hangs: a loopback handshake takes milliseconds. */
    private static final long OPEN_LIMIT_SECONDS = 30;

    /** How to build a pair; the defaults give two honest peers on a clean path. */
    record Setup(ChannelConfig config, UnaryOperator<DatagramTransport> clientPath,
                 UnaryOperator<DatagramTransport> serverPath, ChannelIdentity clientId, ChannelIdentity serverId,
                 Fingerprint expectedByServer, Channel.FailureListener clientListener) {

        static Setup of(ChannelConfig config) {
            ChannelIdentity clientId = ChannelIdentity.generate();
            return new Setup(config, UnaryOperator.identity(), UnaryOperator.identity(), clientId,
                    ChannelIdentity.generate(), clientId.fingerprint(), cause -> { });
        }

        Setup paths(UnaryOperator<DatagramTransport> client, UnaryOperator<DatagramTransport> server) {
            return new Setup(config, client, server, clientId, serverId, expectedByServer, clientListener);
        }

        Setup serverExpects(Fingerprint fingerprint) {
            return new Setup(config, clientPath, serverPath, clientId, serverId, fingerprint, clientListener);
        }

        Setup clientListener(Channel.FailureListener listener) {
            return new Setup(config, clientPath, serverPath, clientId, serverId, expectedByServer, listener);
        }

        ChannelPair open() throws Exception {
            return ChannelPair.open(this);
        }
    }

    static ChannelPair open(ChannelConfig config) throws Exception {
        return Setup.of(config).open();
    }

    private static ChannelPair open(Setup setup) throws Exception {
        UdpTransport a = loopback();
        UdpTransport b = loopback();
        a.connect(b.localAddress());
        b.connect(a.localAddress());
        CompletableFuture<Channel> server = TestThreads.async(() -> Channel.open(setup.serverPath().apply(b),
                setup.serverId(), setup.expectedByServer(), Channel.Role.SERVER, setup.config(), cause -> { }));
        Channel client;
        try {
            client = Channel.open(setup.clientPath().apply(a), setup.clientId(), setup.serverId().fingerprint(),
                    Channel.Role.CLIENT, setup.config(), setup.clientListener());
        } catch (ChannelHandshakeException e) {
            b.close();
            throw e;
        }
        try {
            return new ChannelPair(client, server.get(OPEN_LIMIT_SECONDS, TimeUnit.SECONDS), a, b);
        } catch (ExecutionException e) {
            client.close();
            throw (Exception) e.getCause();
        }
    }

    static UdpTransport loopback() throws IOException {
        return UdpTransport.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
