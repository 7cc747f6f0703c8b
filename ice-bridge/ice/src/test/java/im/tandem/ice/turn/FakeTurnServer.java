package im.tandem.ice.turn;

import im.tandem.ice.stun.AddressAttribute;
import im.tandem.ice.stun.AttributeType;
import im.tandem.ice.stun.ErrorCode;
import im.tandem.ice.stun.MalformedStunException;
import im.tandem.ice.stun.MessageClass;
import im.tandem.ice.stun.MessageIntegrity;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunAttribute;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.UnrecognisedAttribute;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The part of a TURN server a client meets once its allocation exists: the long-term credential challenge,
 * ChannelBind (with RFC 8656's rules on numbers already bound), Refresh and ChannelData, on a loopback socket.
 * Every request and frame it receives is queued as a line for the test to read.
 */
final class FakeTurnServer implements AutoCloseable {

    static final String USERNAME = "1767225600:alice";
    static final String PASSWORD = "turn-secret";
    static final String REALM = "lab.example";

    private final DatagramSocket socket;
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private final Map<Integer, InetSocketAddress> bound = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile String nonce = "nonce-1";
    private volatile boolean staleNonceOnce;
    private volatile boolean signWithWrongKey;
    private volatile int refuseRefreshWith;
    private volatile SocketAddress client;

    FakeTurnServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "fake-turn-server");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void bindBeforehand(int channel, InetSocketAddress peer) {
        bound.put(channel, peer);
    }

    void answerTheNextSignedRequestWithAStaleNonce() {
        staleNonceOnce = true;
    }

    void signAnswersWithAWrongKey() {
        signWithWrongKey = true;
    }

    void refuseRefreshes(int code) {
        refuseRefreshWith = code;
    }

    /** The next request or frame received, as "ChannelBind unsigned", "Refresh 600", "ChannelData 4001 text"... */
    String next() throws InterruptedException {
        String line = seen.poll(5, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the fake TURN server received nothing within 5 s");
        }
        return line;
    }

    void sendChannelData(int channel, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length).putShort((short) channel)
                .putShort((short) payload.length).put(payload);
        socket.send(new DatagramPacket(frame.array(), frame.capacity(), client));
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                client = packet.getSocketAddress();
                handle(Arrays.copyOf(buffer, packet.getLength()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(byte[] data) throws IOException {
        if ((data[0] & 0xC0) == 0x40) {
            int channel = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
            int length = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
            seen.add("ChannelData " + Integer.toHexString(channel) + " "
                    + new String(data, 4, length, StandardCharsets.UTF_8));
            return;
        }
        StunMessage request;
        try {
            request = StunCodec.decode(data);
        } catch (MalformedStunException e) {
            seen.add("malformed");
            return;
        }
        int method = request.type().method();
        String name = method == MessageType.METHOD_CHANNEL_BIND ? "ChannelBind" : "Refresh";
        byte[] key = MessageIntegrity.longTermKey(USERNAME, REALM, PASSWORD);
        if (value(request, AttributeType.MESSAGE_INTEGRITY) == null) {
            seen.add(name + " unsigned");
            answer(request, MessageClass.ERROR_RESPONSE, challenge(401, "Unauthorized"), null);
            return;
        }
        boolean genuine = MessageIntegrity.verify(data, 0, data.length, key)
                && USERNAME.equals(text(request, AttributeType.USERNAME))
                && REALM.equals(text(request, AttributeType.REALM));
        if (!genuine) {
            seen.add(name + " badly signed");
            answer(request, MessageClass.ERROR_RESPONSE, challenge(401, "Unauthorized"), null);
            return;
        }
        if (staleNonceOnce || !nonce.equals(text(request, AttributeType.NONCE))) {
            staleNonceOnce = false;
            nonce = "nonce-2";
            seen.add(name + " stale");
            answer(request, MessageClass.ERROR_RESPONSE, challenge(438, "Stale Nonce"), null);
            return;
        }
        byte[] signing = signWithWrongKey ? MessageIntegrity.longTermKey(USERNAME, REALM, "not it") : key;
        if (method == MessageType.METHOD_CHANNEL_BIND) {
            int channel = ByteBuffer.wrap(value(request, AttributeType.CHANNEL_NUMBER)).getShort() & 0xFFFF;
            InetSocketAddress peer = request.address(AttributeType.XOR_PEER_ADDRESS).orElseThrow();
            boolean numberElsewhere = bound.containsKey(channel) && !bound.get(channel).equals(peer);
            boolean peerElsewhere = bound.entrySet().stream()
                    .anyMatch(entry -> entry.getValue().equals(peer) && entry.getKey() != channel);
            seen.add("ChannelBind " + Integer.toHexString(channel) + " " + peer.getPort());
            if (numberElsewhere || peerElsewhere) {
                answer(request, MessageClass.ERROR_RESPONSE, List.of(new ErrorCode(400, "Bad Request")), null);
            } else {
                bound.put(channel, peer);
                answer(request, MessageClass.SUCCESS_RESPONSE, List.of(), signing);
            }
        } else {
            int lifetime = ByteBuffer.wrap(value(request, AttributeType.LIFETIME)).getInt();
            seen.add("Refresh " + lifetime);
            if (refuseRefreshWith != 0) {
                answer(request, MessageClass.ERROR_RESPONSE, List.of(new ErrorCode(refuseRefreshWith, "Forbidden")),
                        null);
            } else {
                answer(request, MessageClass.SUCCESS_RESPONSE, List.of(new UnrecognisedAttribute(
                        AttributeType.LIFETIME, ByteBuffer.allocate(4).putInt(lifetime).array())), signing);
            }
        }
    }

    private List<StunAttribute> challenge(int code, String reason) {
        return List.of(new ErrorCode(code, reason),
                new UnrecognisedAttribute(AttributeType.REALM, REALM.getBytes(StandardCharsets.UTF_8)),
                new UnrecognisedAttribute(AttributeType.NONCE, nonce.getBytes(StandardCharsets.UTF_8)));
    }

    private void answer(StunMessage request, MessageClass kind, List<StunAttribute> attributes, byte[] key)
            throws IOException {
        byte[] encoded = StunCodec.encode(new StunMessage(new MessageType(request.type().method(), kind),
                request.transactionId(), new ArrayList<>(attributes)));
        byte[] answer = key == null ? encoded : MessageIntegrity.seal(encoded, key);
        socket.send(new DatagramPacket(answer, answer.length, client));
    }

    private static byte[] value(StunMessage message, int type) {
        return message.rawValue(type).orElse(null);
    }

    private static String text(StunMessage message, int type) {
        byte[] value = value(message, type);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        socket.close();
    }
}
