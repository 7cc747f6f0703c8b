package im.tandem.client.file.transport.s5b;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import im.tandem.client.file.transport.BytePipe;

/** A SOCKS5 bytestream: the TCP socket to the proxy (or the peer), after the SOCKS5 handshake. */
final class SocketPipe implements BytePipe {
    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    SocketPipe(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(readTimeoutMillis);
        this.input = socket.getInputStream();
        this.output = new FilterOutputStream(socket.getOutputStream()) {
            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                out.write(data, offset, length);
            }

            /** Half-closes: the peer reads to the end, and our input stays open. */
            @Override
            public void close() throws IOException {
                flush();
                if (!socket.isOutputShutdown()) {
                    socket.shutdownOutput();
                }
            }
        };
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket fails only if it is already broken; it is released either way.
        }
    }
}
