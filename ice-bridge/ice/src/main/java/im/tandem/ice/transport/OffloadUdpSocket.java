package im.tandem.ice.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A UDP socket of the C library's own with Linux's segmentation offloads, which Java's sockets do not offer:
 * {@link #sendBatch} hands the kernel up to {@value #MAX_SEGMENTS} datagrams laid end to end in one {@code sendmsg}
 * ({@code UDP_SEGMENT}, "GSO"), and a read takes the consecutive datagrams that arrived from the peer in one go,
 * with their size ({@code UDP_GRO}). A burst of a fast transfer then costs a few system calls instead of one per
 * datagram, and crosses virtual links and routers as one packet until it is cut up, on the wire or before the
 * receiving socket. Only on 64-bit Linux: the message headers below are that layout.
 *
 * <p>The descriptor is closed only under the write lock, which every call on it excludes with the read lock, so no
 * call ever reaches a descriptor number the process has since given to something else.
 */
final class OffloadUdpSocket implements UdpSocket {

    /** Linux 4.18's limit on the datagrams of one GSO send ({@code UDP_MAX_SEGMENTS}; later kernels allow 128). */
    static final int MAX_SEGMENTS = 64;
    /** Largest UDP payload over IPv4, the most one send may carry in all. */
    static final int MAX_BATCH_BYTES = 65_507;
    /** Any UDP payload, or a read of coalesced datagrams (at most 64 KiB), fits. */
    private static final int READ_BYTES = 65_536;

    // struct msghdr and struct iovec on 64-bit Linux.
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    private static final int MSGHDR_BYTES = 56;
    private static final int IOVEC_BYTES = 16;
    // struct cmsghdr: length (size_t), level, type, then the data, aligned to 8 bytes.
    private static final int CMSG_LEVEL = 8;
    private static final int CMSG_TYPE = 12;
    private static final int CMSG_DATA = 16;
    private static final int CONTROL_BYTES = 64;
    /** {@code CMSG_SPACE(sizeof(uint16_t))}: the segment size's control message, padded to 8 bytes. */
    private static final int SEGMENT_CONTROL_BYTES = CMSG_DATA + Long.BYTES;
    private static final int IOVEC_AT = MSGHDR_BYTES;
    private static final int CONTROL_AT = IOVEC_AT + IOVEC_BYTES;
    private static final int DATA_AT = CONTROL_AT + CONTROL_BYTES;

    private final int fd;
    private final int family;
    /** Where it was bound, the port chosen if 0 was asked for. */
    private final InetSocketAddress local;
    private final ReentrantReadWriteLock descriptor = new ReentrantReadWriteLock();
    /** Header, vector, control room and data of the reads; only the reading thread uses it. */
    private final Memory readArea = area(READ_BYTES);
    /** The same for sends, which may come from several threads: used under its own monitor. */
    private final Memory sendArea = area(MAX_BATCH_BYTES);
    private volatile boolean closed;
    private volatile boolean connected;
    /**
     * Cleared when the kernel refuses a segmented send (EIO: the outgoing device cannot checksum it, or EINVAL):
     * from then on a batch goes as one send per datagram.
     */
    private volatile boolean segmentedSends = true;

    private OffloadUdpSocket(int fd, int family, InetSocketAddress local) {
        this.fd = fd;
        this.family = family;
        this.local = local;
        readArea.setLong(MSG_CONTROL, Memory.nativeValue(readArea) + CONTROL_AT);
        readArea.setLong(IOVEC_AT + 8, READ_BYTES);
        sendArea.setLong(MSG_CONTROL, Memory.nativeValue(sendArea) + CONTROL_AT);
        // The one control message of a segmented send: SOL_UDP / UDP_SEGMENT with a 16-bit size.
        sendArea.setLong(CONTROL_AT, CMSG_DATA + Short.BYTES);
        sendArea.setInt(CONTROL_AT + CMSG_LEVEL, LinuxSockets.SOL_UDP);
        sendArea.setInt(CONTROL_AT + CMSG_TYPE, LinuxSockets.UDP_SEGMENT);
    }

    /** A message header pointing at one vector over the data part of the area, which follows the control room. */
    private static Memory area(int dataBytes) {
        Memory area = new Memory(DATA_AT + dataBytes);
        area.clear();
        long base = Memory.nativeValue(area);
        area.setLong(MSG_IOV, base + IOVEC_AT);
        area.setLong(MSG_IOVLEN, 1);
        area.setLong(IOVEC_AT, base + DATA_AT);
        return area;
    }

    /**
     * Opens and binds a socket that takes coalesced reads.
     *
     * @throws UnsupportedOperationException if the kernel offers no such socket ({@code UDP_GRO} needs Linux 5.0)
     * @throws IOException                   if the address cannot be bound
     */
    static OffloadUdpSocket bind(InetSocketAddress local, int bufferBytes) throws IOException {
        int family = local.getAddress() instanceof Inet6Address ? LinuxSockets.AF_INET6 : LinuxSockets.AF_INET;
        byte[] address = SocketAddressBytes.encode(local, family);
        int fd;
        try {
            fd = LinuxSockets.socket(family, LinuxSockets.SOCK_DGRAM | LinuxSockets.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new UnsupportedOperationException("no UDP socket: errno " + e.getErrorCode(), e);
        }
        try {
            setOption(fd, LinuxSockets.SOL_UDP, LinuxSockets.UDP_GRO, 1);
        } catch (LastErrorException e) {
            closeQuietly(fd);
            throw new UnsupportedOperationException("no coalesced UDP reads: errno " + e.getErrorCode(), e);
        }
        try {
            setOption(fd, LinuxSockets.SOL_SOCKET, LinuxSockets.SO_RCVBUF, bufferBytes);
            setOption(fd, LinuxSockets.SOL_SOCKET, LinuxSockets.SO_SNDBUF, bufferBytes);
            LinuxSockets.bind(fd, address, address.length);
            byte[] bound = new byte[SocketAddressBytes.MAX_BYTES];
            LinuxSockets.getsockname(fd, bound, new int[] {bound.length});
            return new OffloadUdpSocket(fd, family, SocketAddressBytes.decode(bound));
        } catch (LastErrorException e) {
            closeQuietly(fd);
            BindException bindFailure = new BindException("binding " + local + " failed: errno " + e.getErrorCode());
            bindFailure.initCause(e);
            throw bindFailure;
        } catch (IOException | RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    private static void closeQuietly(int fd) {
        try {
            LinuxSockets.close(fd);
        } catch (LastErrorException e) {
            // The descriptor is gone either way; the caller reports what went wrong before.
        }
    }

    private static void setOption(int fd, int level, int name, int value) {
        LinuxSockets.setsockopt(fd, level, name, new int[] {value}, Integer.BYTES);
    }

    private static IOException failure(String what, LastErrorException e) {
        return new IOException(what + " failed: errno " + e.getErrorCode(), e);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void connect(InetSocketAddress peer) throws IOException {
        byte[] address = SocketAddressBytes.encode(peer, family);
        descriptor.readLock().lock();
        try {
            checkOpen();
            LinuxSockets.connect(fd, address, address.length);
            discardQueued();
            connected = true;
        } catch (LastErrorException e) {
            throw failure("connecting to " + peer, e);
        } finally {
            descriptor.readLock().unlock();
        }
    }

    /**
     * Drops what arrived before the socket was connected, from anyone: from now on only the peer's datagrams are
     * read, as with Java's own sockets. Runs before the reader starts, so it has the read area to itself.
     */
    private void discardQueued() {
        while (true) {
            readArea.setLong(MSG_CONTROLLEN, CONTROL_BYTES);
            try {
                LinuxSockets.recvmsg(fd, readArea, LinuxSockets.MSG_DONTWAIT);
            } catch (LastErrorException e) {
                return; // EAGAIN: nothing (more) was queued
            }
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public int batchLimit(int datagramBytes) {
        return Math.max(1, Math.min(MAX_SEGMENTS, MAX_BATCH_BYTES / datagramBytes));
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        send(datagram, 0);
    }

    @Override
    public void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
        OneByOne.requirePositive(datagramBytes);
        if (datagrams.remaining() <= datagramBytes) {
            send(datagrams, 0);
        } else if (segmentedSends && datagrams.remaining() <= (long) batchLimit(datagramBytes) * datagramBytes) {
            send(datagrams, datagramBytes);
        } else {
            OneByOne.send(datagrams, datagramBytes, one -> send(one, 0));
        }
    }

    /** One send of the buffer's remaining bytes, cut into datagrams of {@code segmentBytes} unless that is 0. */
    private void send(ByteBuffer data, int segmentBytes) throws IOException {
        int length = data.remaining();
        if (length > MAX_BATCH_BYTES) {
            throw new IOException("a send of " + length + " bytes is more than UDP carries (" + MAX_BATCH_BYTES + ")");
        }
        descriptor.readLock().lock();
        try {
            checkOpen();
            synchronized (sendArea) {
                copyIn(data, length);
                sendArea.setLong(IOVEC_AT + 8, length);
                sendArea.setLong(MSG_CONTROLLEN, segmentBytes > 0 ? SEGMENT_CONTROL_BYTES : 0);
                sendArea.setShort(CONTROL_AT + CMSG_DATA, (short) segmentBytes);
                LinuxSockets.sendmsg(fd, sendArea, 0);
            }
        } catch (LastErrorException e) {
            if (segmentBytes > 0 && refusesSegments(e.getErrorCode())) {
                segmentedSends = false;
                sendBatch(data, segmentBytes);
                return;
            }
            throw failure("send", e);
        } finally {
            descriptor.readLock().unlock();
        }
    }

    private static boolean refusesSegments(int errno) {
        return errno == LinuxSockets.EIO || errno == LinuxSockets.EINVAL;
    }

    private void copyIn(ByteBuffer data, int length) {
        if (data.hasArray()) {
            sendArea.write(DATA_AT, data.array(), data.arrayOffset() + data.position(), length);
        } else {
            byte[] copy = new byte[length];
            data.duplicate().get(copy);
            sendArea.write(DATA_AT, copy, 0, length);
        }
    }

    @Override
    public int receive(byte[] buffer, int[] datagramBytes) throws IOException {
        descriptor.readLock().lock();
        try {
            if (closed) {
                return -1;
            }
            readArea.setLong(MSG_CONTROLLEN, CONTROL_BYTES);
            readArea.setInt(MSG_FLAGS, 0);
            int length = (int) LinuxSockets.recvmsg(fd, readArea, 0);
            if (closed) {
                return -1;
            }
            int copied = Math.min(length, buffer.length);
            int size = coalescedSize();
            datagramBytes[0] = size > 0 ? size : copied;
            readArea.read(DATA_AT, buffer, 0, copied);
            return copied;
        } catch (LastErrorException e) {
            if (closed) {
                return -1;
            }
            throw failure("recvmsg", e);
        } finally {
            descriptor.readLock().unlock();
        }
    }

    /** The datagram size the kernel reported for a coalesced read, or 0 for a single datagram. */
    private int coalescedSize() {
        long controlLength = readArea.getLong(MSG_CONTROLLEN);
        long at = 0;
        while (at + CMSG_DATA + Integer.BYTES <= controlLength) {
            long length = readArea.getLong(CONTROL_AT + at);
            if (readArea.getInt(CONTROL_AT + at + CMSG_LEVEL) == LinuxSockets.SOL_UDP
                    && readArea.getInt(CONTROL_AT + at + CMSG_TYPE) == LinuxSockets.UDP_GRO) {
                return readArea.getInt(CONTROL_AT + at + CMSG_DATA);
            }
            if (length < CMSG_DATA) {
                return 0;
            }
            at += (length + Long.BYTES - 1) & -Long.BYTES;
        }
        return 0;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("socket closed");
        }
    }

    /**
     * Shuts the socket down, which wakes a blocked read (and send), then closes the descriptor once no call is on it.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            LinuxSockets.shutdown(fd, LinuxSockets.SHUT_RDWR);
        } catch (LastErrorException e) {
            // Not connected: then no read is waiting on it either.
        }
        descriptor.writeLock().lock();
        try {
            LinuxSockets.close(fd);
        } catch (LastErrorException e) {
            // Nothing to do: the descriptor is gone either way.
        } finally {
            descriptor.writeLock().unlock();
        }
    }
}
