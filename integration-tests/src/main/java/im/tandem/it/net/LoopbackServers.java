package im.tandem.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What a throwaway server needs to listen on the loopback address only: a free port there, and a password for its
 * clients, since every local user can reach that port.
 */
public final class LoopbackServers {
    /** 128 bits of randomness, hex-encoded so that it needs no quoting in SQL or a JDBC URL. */
    private static final int PASSWORD_BYTES = 16;

    private LoopbackServers() {
    }

    /** The address every server listens on: 127.0.0.1, never a wildcard. */
    public static String address() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** A port free on the loopback address right now; a server that loses it to another process fails to start. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + address(), e);
        }
    }

    public static String randomPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
