package im.tandem.client.file.transport.s5b;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A SOCKS5 server on loopback that takes one connection, answers the handshake as a XEP-0065 streamhost does
 * (no authentication, CONNECT to a domain name that is the hashed DST.ADDR) and hands over the socket. It stands in
 * for a peer's direct candidate or a proxy, one side of it.
 */
final class Socks5Stub implements AutoCloseable {
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int CONNECT = 1;
    private static final int DOMAIN_NAME = 3;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket server;
    private final CompletableFuture<String> dstaddr = new CompletableFuture<>();
    private final CompletableFuture<Socket> connected = new CompletableFuture<>();

    Socks5Stub() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serveOne, "socks5-stub");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The DST.ADDR the client asked for. */
    CompletableFuture<String> dstaddr() {
        return dstaddr;
    }

    /** The client's socket once the handshake is done, to read what it sends. */
    CompletableFuture<Socket> connected() {
        return connected;
    }

    private void serveOne() {
        try {
            Socket socket = server.accept();
            // A test that waits for bytes, or for the end of them, fails after this rather than hanging.
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] greeting = new byte[2];
            in.readFully(greeting);
            byte[] methods = new byte[greeting[1]];
            in.readFully(methods);
            require(greeting[0] == VERSION && contains(methods, NO_AUTHENTICATION), "greeting");
            out.write(new byte[] {VERSION, NO_AUTHENTICATION});

            byte[] head = new byte[5];
            in.readFully(head);
            require(head[0] == VERSION && head[1] == CONNECT && head[3] == DOMAIN_NAME, "connect request");
            byte[] address = new byte[head[4] & 0xff];
            in.readFully(address);
            byte[] port = new byte[2];
            in.readFully(port);
            // The reply repeats the request with "succeeded" in place of the command, which Smack checks.
            out.write(new byte[] {VERSION, 0, 0, DOMAIN_NAME, head[4]});
            out.write(address);
            out.write(port);
            out.flush();
            dstaddr.complete(new String(address, StandardCharsets.US_ASCII));
            connected.complete(socket);
        } catch (IOException e) {
            dstaddr.completeExceptionally(e);
            connected.completeExceptionally(e);
        }
    }

    private static boolean contains(byte[] values, int value) {
        for (byte b : values) {
            if (b == value) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean condition, String what) throws IOException {
        if (!condition) {
            throw new IOException("not a SOCKS5 " + what);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connected.thenAccept(SocketPipe::closeQuietly);
    }
}
