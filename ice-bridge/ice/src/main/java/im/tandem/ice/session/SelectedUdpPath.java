package im.tandem.ice.session;

import im.tandem.ice.stun.AddressAttribute;
import im.tandem.ice.stun.AttributeType;
import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageIntegrity;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunAttribute;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;
import im.tandem.ice.stun.UnrecognisedAttribute;
import im.tandem.ice.transport.DatagramTransport;
import im.tandem.ice.transport.UdpTransport;
import im.tandem.ice.turn.TurnChannelTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The selected pair on a socket of our own, bound where ICE's socket was, so that each datagram goes between the
 * kernel and the channel without ice4j's socket layers (thread hand-offs and a copy per datagram, and queues that
 * drop bursts): a plain UDP socket connected to the peer's address ({@link UdpTransport}), or, where our end of the
 * pair is our TURN allocation, ChannelData to the TURN server ({@link TurnChannelTransport}). It keeps what ICE gave
 * the path: it answers the peer's consent checks (RFC 7675: binding requests with the session's short-term
 * credentials) and sends its own on {@link #sendConsentCheck()}, counting an authenticated answer as consent.
 */
final class SelectedUdpPath implements DatagramTransport {

    /** What the checks carry: the session's ICE credentials, our role and our candidate's priority. */
    record Credentials(String localUfrag, String localPassword, String remoteUfrag, String remotePassword,
                       boolean controlling, long tieBreaker, long priority) {
        Credentials {
            Objects.requireNonNull(localUfrag, "localUfrag");
            Objects.requireNonNull(localPassword, "localPassword");
            Objects.requireNonNull(remoteUfrag, "remoteUfrag");
            Objects.requireNonNull(remotePassword, "remotePassword");
        }
    }

    /** Answers to checks older than the last few are no longer waited for. */
    private static final int OUTSTANDING_CHECKS = 4;
    /** The two leading bits of every STUN message are zero; our channel's packets start with 'T'. */
    private static final int STUN_LEADING_BITS = 0xC0;
    /** Where a STUN header's magic cookie starts: after the message type and length, two bytes each. */
    private static final int MAGIC_COOKIE_OFFSET = 4;

    private final DatagramTransport transport;
    private final InetSocketAddress remote;
    private final Credentials credentials;
    private final Deque<TransactionId> outstanding = new ArrayDeque<>();
    private volatile long lastConsentMillis = System.currentTimeMillis();

    private SelectedUdpPath(DatagramTransport transport, InetSocketAddress remote, Credentials credentials) {
        this.transport = transport;
        this.remote = remote;
        this.credentials = credentials;
    }

    /** Binds {@code local} (the address ICE's host socket had, now free) and connects to {@code remote}. */
    static SelectedUdpPath bind(InetSocketAddress local, InetSocketAddress remote, Credentials credentials)
            throws IOException {
        UdpTransport transport = UdpTransport.bind(local);
        try {
            return new SelectedUdpPath(transport.connect(remote), remote, credentials);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** The pair through our TURN allocation, over {@code relay}, which is bound to the peer at {@code remote}. */
    static SelectedUdpPath overRelay(TurnChannelTransport relay, InetSocketAddress remote, Credentials credentials) {
        return new SelectedUdpPath(relay, remote, credentials);
    }

    /** When the peer last answered a consent check of ours (or when the path was taken over). */
    long lastConsentMillis() {
        return lastConsentMillis;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        transport.send(datagram);
    }

    @Override
    public int batchLimit(int datagramBytes) {
        return transport.batchLimit(datagramBytes);
    }

    @Override
    public void sendBatch(ByteBuffer datagrams, int datagramBytes) throws IOException {
        transport.sendBatch(datagrams, datagramBytes);
    }

    /** The peer's consent checks and answers to ours stay here; everything else goes to {@code receiver}. */
    @Override
    public void start(Receiver receiver) {
        // The transport hands over its own read buffer, wrapped: the STUN codec reads the array in place. A check
        // that ends a read (a coalesced read may end with one) leaves the receiver's end-of-read acknowledgement to
        // its next read or its timer's next tick, a few milliseconds at most; checks come seconds apart.
        transport.start((datagram, endOfRead) -> {
            if (isStun(datagram)) {
                onStun(datagram.array(), datagram.arrayOffset() + datagram.position(), datagram.remaining());
            } else {
                receiver.onDatagram(datagram, endOfRead);
            }
        });
    }

    /** Sends one consent check (a binding request the peer must answer with its password). */
    void sendConsentCheck() {
        TransactionId id = TransactionId.random();
        ByteBuffer tieBreaker = ByteBuffer.allocate(Long.BYTES).putLong(credentials.tieBreaker());
        ByteBuffer priority = ByteBuffer.allocate(Integer.BYTES).putInt((int) credentials.priority());
        List<StunAttribute> attributes = List.of(
                new UnrecognisedAttribute(AttributeType.USERNAME, (credentials.remoteUfrag() + ":"
                        + credentials.localUfrag()).getBytes(StandardCharsets.UTF_8)),
                new UnrecognisedAttribute(AttributeType.PRIORITY, priority.array()),
                new UnrecognisedAttribute(credentials.controlling() ? AttributeType.ICE_CONTROLLING
                        : AttributeType.ICE_CONTROLLED, tieBreaker.array()));
        byte[] request = MessageIntegrity.seal(StunCodec.encode(new StunMessage(MessageType.BINDING_REQUEST, id,
                attributes)), credentials.remotePassword());
        synchronized (outstanding) {
            outstanding.addLast(id);
            if (outstanding.size() > OUTSTANDING_CHECKS) {
                outstanding.removeFirst();
            }
        }
        sendQuietly(request);
    }

    private static boolean isStun(ByteBuffer datagram) {
        int start = datagram.position();
        return datagram.remaining() >= StunCodec.HEADER_LENGTH && (datagram.get(start) & STUN_LEADING_BITS) == 0
                && datagram.getInt(start + MAGIC_COOKIE_OFFSET) == TransactionId.MAGIC_COOKIE;
    }

    /** Answers an authenticated check of the peer's, takes an authenticated answer to ours as consent. */
    private void onStun(byte[] data, int offset, int length) {
        StunMessage message;
        try {
            message = StunCodec.decode(data, offset, length);
        } catch (MalformedStunException e) {
            return;
        }
        if (message.type().equals(MessageType.BINDING_REQUEST)) {
            String expected = credentials.localUfrag() + ":" + credentials.remoteUfrag();
            if (expected.equals(username(message))
                    && MessageIntegrity.verify(data, offset, length, credentials.localPassword())) {
                StunMessage answer = new StunMessage(MessageType.BINDING_SUCCESS, message.transactionId(),
                        List.of(new AddressAttribute(AttributeType.XOR_MAPPED_ADDRESS, remote)));
                sendQuietly(MessageIntegrity.seal(StunCodec.encode(answer), credentials.localPassword()));
            }
        } else if (message.type().equals(MessageType.BINDING_SUCCESS) && isOutstanding(message.transactionId())
                && MessageIntegrity.verify(data, offset, length, credentials.remotePassword())) {
            lastConsentMillis = System.currentTimeMillis();
        }
    }

    private boolean isOutstanding(TransactionId id) {
        synchronized (outstanding) {
            return outstanding.remove(id);
        }
    }

    private static String username(StunMessage message) {
        return message.rawValue(AttributeType.USERNAME)
                .map(value -> new String(value, StandardCharsets.UTF_8))
                .orElse(null);
    }

    private void sendQuietly(byte[] datagram) {
        try {
            transport.send(ByteBuffer.wrap(datagram));
        } catch (IOException e) {
            // As lost on the way: consent is judged by the answers that come back.
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
