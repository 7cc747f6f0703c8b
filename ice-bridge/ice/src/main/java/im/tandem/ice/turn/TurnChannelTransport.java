package im.tandem.ice.turn;

import im.tandem.ice.stun.AttributeType;
import im.tandem.ice.stun.ErrorCode;
import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageClass;
import im.tandem.ice.stun.MessageIntegrity;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunAttribute;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;
import im.tandem.ice.transport.DatagramTransport;
import im.tandem.ice.transport.UdpTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Our end of a TURN allocation (RFC 8656) that ICE selected, spoken on a UDP socket of our own: the datagrams to and
 * from one peer go as ChannelData on a bound channel (four bytes of framing), and {@link #refresh()} keeps the
 * allocation, the channel binding and the permission it installs alive. The allocation itself was made by ICE's
 * agent from the same local address, so the server knows this socket as its owner; {@link #close()} releases it.
 */
public final class TurnChannelTransport implements DatagramTransport {

    /**
     * Four minutes: a channel binding lasts ten and the permission it installs five (RFC 8656 9, 12), so one refresh
     * of each every four keeps both with a minute to spare for a lost request.
     */
    public static final Duration REFRESH_INTERVAL = Duration.ofMinutes(4);
    /** Ten minutes, RFC 8656's default lifetime of an allocation, asked for on each refresh. */
    static final int ALLOCATION_LIFETIME_SECONDS = 600;
    /**
     * Channel numbers tried in turn when binding: the agent that made the allocation may have bound a few already,
     * one per address it checked through the relay, and a peer already bound keeps its number (RFC 8656 11.2: the
     * server refuses any other with 400, and accepts the same one as a refresh).
     */
    static final int CHANNELS_TRIED = 32;
    /** The first wait for an answer, doubled on each retransmission (RFC 8489 6.2.1, with a LAN-sized start). */
    static final Duration FIRST_RETRANSMISSION = Duration.ofMillis(250);
    /** 250 + 500 + 1000 + 2000 ms: a server that has not answered in almost four seconds is taken as gone. */
    static final int ATTEMPTS = 4;
    /** A challenge with a new realm or nonce (401, 438) is answered this many times before giving up. */
    private static final int CHALLENGES = 2;
    /** A channel number taken for another peer, or this peer bound to another number (RFC 8656 11.2). */
    private static final int BAD_REQUEST = 400;
    private static final int UNAUTHORIZED = 401;
    private static final int STALE_NONCE = 438;
    private static final int NO_CHANNEL = -1;

    private static final System.Logger LOG = System.getLogger(TurnChannelTransport.class.getName());

    private final UdpTransport socket;
    private final InetSocketAddress server;
    private final String username;
    private final String password;
    private final InetSocketAddress peer;
    private final Map<TransactionId, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private volatile Receiver receiver;
    private volatile int channel = NO_CHANNEL;
    /** The server's realm and nonce once it has challenged us; null before. */
    private volatile TurnRequests.Challenge challenge;
    private volatile boolean closed;

    private TurnChannelTransport(UdpTransport socket, InetSocketAddress server, String username, String password,
                                 InetSocketAddress peer) {
        this.socket = socket;
        this.server = server;
        this.username = username;
        this.password = password;
        this.peer = peer;
    }

    /**
     * Binds {@code local} (the address the allocation was made from, now free), binds a channel to {@code peer} and
     * refreshes the allocation, blocking until the server has answered both.
     *
     * @throws IOException if the address cannot be bound, or the server refuses or does not answer
     */
    public static TurnChannelTransport open(InetSocketAddress local, InetSocketAddress server, String username,
                                            String password, InetSocketAddress peer) throws IOException {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(peer, "peer");
        UdpTransport socket = UdpTransport.bind(local).connect(Objects.requireNonNull(server, "server"));
        TurnChannelTransport transport = new TurnChannelTransport(socket, server, username, password, peer);
        socket.start(transport::fromServer);
        try {
            transport.bindChannel();
            transport.refreshAllocation();
        } catch (IOException | RuntimeException e) {
            transport.closeSocket();
            throw e;
        }
        return transport;
    }

    /** The channel bound to the peer. */
    int channel() {
        return channel;
    }

    @Override
    public void send(ByteBuffer datagram) throws IOException {
        if (closed) {
            throw new IOException("TURN channel closed");
        }
        socket.send(ChannelData.frame(channel, datagram));
    }

    @Override
    public void start(Receiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    /**
     * Refreshes the channel binding (and with it the permission) and the allocation, blocking for the answers. A
     * failure is left to the path's consent checks: the binding outlives one missed refresh, and a server that has
     * gone stops the consent answers.
     */
    public void refresh() {
        try {
            bindChannel();
            refreshAllocation();
        } catch (IOException e) {
            // See above: the next refresh tries again, and a dead path ends with its consent. Said here because the
            // path's loss will name only the consent.
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "refreshing the TURN allocation for " + peer + " failed: "
                        + e.getMessage());
            }
        }
    }

    /** Releases the allocation (a Refresh with lifetime 0, not waited for) and the socket. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.send(ByteBuffer.wrap(TurnRequests.encode(MessageType.METHOD_REFRESH, TransactionId.random(),
                    TurnRequests.refresh(0), challenge)));
        } catch (IOException e) {
            // The allocation then ends with its lifetime.
        }
        closeSocket();
    }

    private void closeSocket() {
        pending.values().forEach(answer -> answer.cancel(false));
        socket.close();
    }

    private void bindChannel() throws IOException {
        int current = channel;
        if (current != NO_CHANNEL) {
            requireSuccess(transact(MessageType.METHOD_CHANNEL_BIND, TurnRequests.channelBind(current, peer)),
                    "ChannelBind refresh");
            return;
        }
        int last = Math.min(ChannelData.LAST_CHANNEL, ChannelData.FIRST_CHANNEL + CHANNELS_TRIED - 1);
        for (int number = ChannelData.FIRST_CHANNEL; number <= last; number++) {
            Answer answer = transact(MessageType.METHOD_CHANNEL_BIND, TurnRequests.channelBind(number, peer));
            if (answer.isSuccess()) {
                channel = number;
                return;
            }
            if (answer.errorCode() != BAD_REQUEST) {
                requireSuccess(answer, "ChannelBind");
            }
        }
        throw new IOException("the TURN server " + server + " bound none of the channels 0x4000-0x"
                + Integer.toHexString(last) + " to " + peer);
    }

    private void refreshAllocation() throws IOException {
        requireSuccess(transact(MessageType.METHOD_REFRESH, TurnRequests.refresh(ALLOCATION_LIFETIME_SECONDS)),
                "Refresh");
    }

    private void requireSuccess(Answer answer, String what) throws IOException {
        if (!answer.isSuccess()) {
            throw new IOException("the TURN server " + server + " refused our " + what + ": "
                    + answer.errorCode() + " " + answer.reason());
        }
    }

    /** One request, answered: signed once challenged, again with a new realm or nonce when challenged anew. */
    private Answer transact(int method, List<StunAttribute> attributes) throws IOException {
        for (int round = 0; ; round++) {
            TurnRequests.Challenge signedWith = challenge;
            TransactionId id = TransactionId.random();
            Answer answer = exchange(id, TurnRequests.encode(method, id, attributes, signedWith));
            if (answer.isSuccess()) {
                if (signedWith != null && !answer.signedWith(signedWith.key())) {
                    throw new IOException("an answer from the TURN server " + server
                            + " failed its MESSAGE-INTEGRITY check");
                }
                return answer;
            }
            int code = answer.errorCode();
            if ((code == UNAUTHORIZED || code == STALE_NONCE) && round < CHALLENGES) {
                challenge = challengeFrom(answer, signedWith);
                continue;
            }
            return answer;
        }
    }

    private TurnRequests.Challenge challengeFrom(Answer answer, TurnRequests.Challenge previous) throws IOException {
        Optional<byte[]> nonce = answer.message().rawValue(AttributeType.NONCE);
        Optional<String> realm = answer.message().rawValue(AttributeType.REALM)
                .map(value -> new String(value, StandardCharsets.UTF_8))
                .or(() -> Optional.ofNullable(previous).map(TurnRequests.Challenge::realm));
        if (nonce.isEmpty() || realm.isEmpty()) {
            throw new IOException("the TURN server " + server + " answered " + answer.errorCode()
                    + " without a realm and nonce");
        }
        return new TurnRequests.Challenge(username, realm.get(), nonce.get(),
                MessageIntegrity.longTermKey(username, realm.get(), password));
    }

    /** Sends the request until an answer comes, waiting twice as long after each attempt. */
    private Answer exchange(TransactionId id, byte[] request) throws IOException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            long waitMillis = FIRST_RETRANSMISSION.toMillis();
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (closed) {
                    throw new IOException("TURN channel closed");
                }
                socket.send(ByteBuffer.wrap(request));
                try {
                    return answer.get(waitMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    waitMillis *= 2;
                } catch (ExecutionException | CancellationException e) {
                    throw new IOException("TURN channel closed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the TURN server", e);
                }
            }
            throw new IOException("no answer from the TURN server " + server + " in " + ATTEMPTS + " attempts");
        } finally {
            pending.remove(id);
        }
    }

    /** ChannelData from our peer goes to the receiver; answers to our requests to their waiters; the rest is dropped. */
    private void fromServer(ByteBuffer datagram, boolean endOfRead) {
        if (ChannelData.isChannelData(datagram)) {
            Receiver target = receiver;
            ByteBuffer payload = ChannelData.payloadOf(datagram);
            if (target != null && payload != null && ChannelData.channelOf(datagram) == channel && !closed) {
                target.onDatagram(payload, endOfRead);
            }
            return;
        }
        byte[] data = new byte[datagram.remaining()];
        datagram.get(data);
        StunMessage message;
        try {
            message = StunCodec.decode(data);
        } catch (MalformedStunException e) {
            return;
        }
        MessageClass kind = message.type().messageClass();
        if (kind == MessageClass.SUCCESS_RESPONSE || kind == MessageClass.ERROR_RESPONSE) {
            CompletableFuture<Answer> waiter = pending.get(message.transactionId());
            if (waiter != null) {
                waiter.complete(new Answer(message, data));
            }
        }
    }

    /** A response with the bytes it came in, for checking its MESSAGE-INTEGRITY. */
    private record Answer(StunMessage message, byte[] data) {

        boolean isSuccess() {
            return message.type().messageClass() == MessageClass.SUCCESS_RESPONSE;
        }

        int errorCode() {
            return message.first(ErrorCode.class).map(ErrorCode::code).orElse(0);
        }

        String reason() {
            return message.first(ErrorCode.class).map(ErrorCode::reason).orElse("(no reason)");
        }

        boolean signedWith(byte[] key) {
            return MessageIntegrity.verify(data, 0, data.length, key);
        }
    }
}
