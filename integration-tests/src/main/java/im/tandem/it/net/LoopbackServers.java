package im.tandem.it.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a throwaway server needs to listen on the loopback address only: a free port there, and a password for its
 * clients, since every local user can reach that port.
 */
public final class LoopbackServers {
    /** 128 bits of randomness, hex-encoded so that it needs no quoting in SQL or a JDBC URL. */
    private static final int PASSWORD_BYTES = 16;
    /**
     * Every port handed out in this JVM. Once the probing socket is closed the kernel may offer the same port again,
     * and two servers of one test must not both get it: an Openfire whose file-transfer proxy took its client port
     * seemed ready (something listened there) while its clients reached the proxy.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackServers() {
    }

    /** The address every server listens on: 127.0.0.1, never a wildcard. */
    public static String address() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /**
     * A port free on the loopback address right now and not handed out before in this JVM; a server that loses it
     * to another process fails to start.
     */
    public static int freePort() {
        while (true) {
            int port = probePort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    private static int probePort() {
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
