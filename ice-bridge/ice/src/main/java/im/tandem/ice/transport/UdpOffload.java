package im.tandem.ice.transport;

import com.sun.jna.Platform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Whether a {@link UdpTransport} uses Linux's UDP segmentation offloads ({@link OffloadUdpSocket}): where the
 * system property {@value #PROPERTY} is {@code true} (the default) and the platform has them (Linux on x86-64 or
 * aarch64, JNA's native part loads, and the kernel takes {@code UDP_GRO}: Linux 5.0). Otherwise, and if opening such a socket
 * fails, Java's own socket serves, one system call per datagram: slower for bulk transfers, the same protocol.
 */
public final class UdpOffload {

    /** {@code true} or {@code false}; {@code false} keeps every channel on Java's sockets. */
    public static final String PROPERTY = "tandem.udp.offload";
    private static final System.Logger LOG = System.getLogger(UdpOffload.class.getName());
    /**
     * The processors whose Linux ABI {@link OffloadUdpSocket} and {@link LinuxSockets} are written for (64-bit, little
     * endian, the generic socket constants): others, such as MIPS, number the socket calls' constants differently.
     */
    private static final Set<String> LAYOUT_KNOWN = Set.of("x86-64", "aarch64");
    private static volatile boolean warned;

    private UdpOffload() {
    }

    /**
     * Whether the property asks for the offloads and this platform may have them.
     *
     * @throws IllegalArgumentException if the property is set to anything but {@code true} or {@code false}
     */
    public static boolean enabled() {
        String value = System.getProperty(PROPERTY, "true").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(PROPERTY + " must be true or false, was '" + value + "'");
        }
        return Boolean.parseBoolean(value) && Platform.isLinux() && LAYOUT_KNOWN.contains(Platform.ARCH);
    }

    /**
     * Loads the native part of the offload socket (JNA and the C library's bindings) now, so that the first socket
     * opened later does not wait for it. A failure is left for that socket to meet and report.
     */
    public static void loadNativePart() {
        try {
            Class.forName(LinuxSockets.class.getName(), true, UdpOffload.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // bindOrFallBack meets the same failure, and warns
        }
    }

    /** A socket with the offloads, or Java's own (with one warning per process) where the kernel refuses them. */
    static UdpSocket bindOrFallBack(InetSocketAddress local, int bufferBytes) throws IOException {
        try {
            return OffloadUdpSocket.bind(local, bufferBytes);
        } catch (UnsupportedOperationException | LinkageError e) {
            if (!warned) {
                warned = true;
                LOG.log(System.Logger.Level.WARNING, "UDP segmentation offloads unavailable, channels use Java's "
                        + "sockets (one system call per datagram): " + e);
            }
            return JavaUdpSocket.bind(local, bufferBytes);
        }
    }
}
