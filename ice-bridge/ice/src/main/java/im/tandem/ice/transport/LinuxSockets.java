package im.tandem.ice.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The C library's socket calls, bound directly (JNA's direct mapping: one native call per Java call, no reflection),
 * for what Java's own sockets do not offer: Linux's UDP segmentation offloads. Only loaded on 64-bit Linux, whose
 * structure layouts {@link OffloadUdpSocket} writes by hand. Each call throws {@link LastErrorException} with
 * {@code errno} when it fails.
 */
final class LinuxSockets {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    /** Not inherited by programs this process starts. */
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SOL_UDP = 17;
    /** Sending: cut one buffer into datagrams of the given size in the kernel (Linux 4.18). */
    static final int UDP_SEGMENT = 103;
    /** Receiving: hand consecutive datagrams of one flow over in one read, with their size (Linux 5.0). */
    static final int UDP_GRO = 104;
    static final int SHUT_RDWR = 2;
    /** This one call does not wait: {@code recvmsg} fails with EAGAIN when nothing is queued. */
    static final int MSG_DONTWAIT = 0x40;
    static final int EIO = 5;
    static final int EINVAL = 22;

    private LinuxSockets() {
    }

    static {
        Native.register(LinuxSockets.class, Platform.C_LIBRARY_NAME);
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, int[] value, int length) throws LastErrorException;

    static native int bind(int fd, byte[] address, int length) throws LastErrorException;

    static native int connect(int fd, byte[] address, int length) throws LastErrorException;

    static native int getsockname(int fd, byte[] address, int[] length) throws LastErrorException;

    static native long send(int fd, Pointer buffer, long length, int flags) throws LastErrorException;

    static native long sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

    static native long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

    static native int shutdown(int fd, int how) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
