package im.tandem.ice.stun;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property test: random and mutated datagrams never make the codec throw anything but
 * {@link MalformedStunException}, never make the responder throw at all, never produce a reply above the
 * documented bound or from a socket the server lacks, and never grow the rate limiter's state past its bound.
 * Deterministic: the seed is fixed (override with {@code -Dtandem.fuzz.seed=N}) and printed on any failure.
 */
class StunFuzzTest {
    private static final long DEFAULT_SEED = 0x5EED_57A9L;
    private static final int PACKETS = 120_000;
    /** Small enough that the fuzz's many source addresses force constant eviction. */
    private static final int MAX_TRACKED = 500;
    /** Source addresses drawn from a pool ten times the tracked maximum. */
    private static final int SOURCE_POOL = 5_000;
    private static final int MAX_RANDOM_LENGTH = 160;

    private final long seed = Long.getLong("tandem.fuzz.seed", DEFAULT_SEED);
    private final Random random = new Random(seed);
    private final AtomicLong clock = new AtomicLong();
    private final StunCounters counters = new StunCounters();
    private final SourceRateLimiter limiter = new SourceRateLimiter(new RateLimit(20, 60, MAX_TRACKED), clock::get);
    private final StunServerConfig config = StunServerConfig.builder().primaryAddress(LoopbackPorts.PRIMARY)
            .alternateAddress(LoopbackPorts.ALTERNATE).build();
    private final BindingResponder responder = new BindingResponder(config, limiter, counters);

    @Test
    void codecAndResponderSurviveRandomAndMutatedPackets() {
        int decoded = 0;
        int answered = 0;
        for (int i = 0; i < PACKETS; i++) {
            byte[] packet = nextPacket();
            try {
                decoded += checkCodec(packet) ? 1 : 0;
                answered += checkResponder(packet) ? 1 : 0;
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed=" + seed + " packet #" + i + " = " + HexFormat.of().formatHex(packet), e);
            }
            clock.addAndGet(1_000_000);
            if (i % 1000 == 0) {
                assertThat(limiter.trackedSources()).as("seed=%d", seed).isLessThanOrEqualTo(MAX_TRACKED);
            }
        }
        StunServerStatistics stats = counters.snapshot();
        assertThat(stats.requests()).isEqualTo(PACKETS);
        assertThat(stats.answered() + stats.malformed() + stats.rateLimited()).isEqualTo(PACKETS);
        // The mutations must leave enough valid traffic for the test to exercise the answering paths too.
        assertThat(decoded).as("seed=%d", seed).isGreaterThan(PACKETS / 10);
        assertThat(answered).as("seed=%d", seed).isGreaterThan(PACKETS / 20);
    }

    /** Decodes; a success must survive re-encoding unchanged for RFC 5389 messages. */
    private boolean checkCodec(byte[] packet) {
        StunMessage message;
        try {
            message = StunCodec.decode(packet, 0, packet.length);
        } catch (MalformedStunException expected) {
            return false;
        }
        if (message.transactionId().isRfc5389()) {
            try {
                assertThat(StunCodec.decode(StunCodec.encode(message))).isEqualTo(message);
            } catch (MalformedStunException e) {
                fail("re-encoded message no longer decodes: " + e.getMessage());
            }
        }
        return true;
    }

    private boolean checkResponder(byte[] packet) {
        SocketRole receivedOn = config.roles().get(random.nextInt(config.roles().size()));
        Optional<Reply> reply = responder.handle(packet, packet.length, randomSource(), receivedOn);
        reply.ifPresent(r -> {
            assertThat(r.datagram().length).isLessThanOrEqualTo(BindingResponder.MAX_RESPONSE_BYTES);
            assertThat(config.roles()).contains(r.sendFrom());
        });
        return reply.isPresent();
    }

    private byte[] nextPacket() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] garbage = new byte[random.nextInt(MAX_RANDOM_LENGTH)];
            random.nextBytes(garbage);
            return garbage;
        }
        byte[] valid = validRequest();
        return switch (kind) {
            case 1 -> valid;
            case 2, 3 -> flipBits(valid);
            case 4 -> Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            case 5 -> lieAboutMessageLength(valid);
            case 6, 7 -> lieAboutAttributeLength(valid);
            case 8 -> appendRandom(valid);
            default -> flipBits(lieAboutAttributeLength(valid));
        };
    }

    private byte[] validRequest() {
        List<StunAttribute> attributes = new ArrayList<>();
        int count = random.nextInt(5);
        for (int a = 0; a < count; a++) {
            attributes.add(randomAttribute());
        }
        TransactionId id = randomTransactionId();
        MessageType type = random.nextInt(8) == 0
                ? new MessageType(random.nextInt(0x1000), MessageClass.values()[random.nextInt(4)])
                : MessageType.BINDING_REQUEST;
        return StunCodec.encode(new StunMessage(type, id, attributes, random.nextBoolean()));
    }

    /** From the seeded generator (not TransactionId.random()) so that a failing seed replays exactly. */
    private TransactionId randomTransactionId() {
        byte[] bytes = new byte[TransactionId.LENGTH];
        random.nextBytes(bytes);
        if (random.nextInt(4) != 0) {
            ByteBuffer.wrap(bytes).putInt(0, TransactionId.MAGIC_COOKIE);
        }
        return TransactionId.fromHeaderBytes(bytes, 0);
    }

    private StunAttribute randomAttribute() {
        switch (random.nextInt(6)) {
            case 0:
                return new ChangeRequest(random.nextBoolean(), random.nextBoolean());
            case 1:
                return new Software("fuzz-" + random.nextInt(1000));
            case 2:
                return new AddressAttribute(random.nextBoolean() ? AttributeType.XOR_MAPPED_ADDRESS
                        : AttributeType.MAPPED_ADDRESS, randomSource());
            case 3:
                return new ErrorCode(300 + random.nextInt(400), "x".repeat(random.nextInt(10)));
            default:
                byte[] value = new byte[random.nextInt(12)];
                random.nextBytes(value);
                int type = random.nextBoolean() ? AttributeType.RESPONSE_PORT : 0x8000 + random.nextInt(0x20);
                return AttributeType.isModelled(type) ? ChangeRequest.NONE : new UnrecognisedAttribute(type, value);
        }
    }

    private byte[] flipBits(byte[] packet) {
        byte[] copy = packet.clone();
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips && copy.length > 0; f++) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private byte[] lieAboutMessageLength(byte[] packet) {
        byte[] copy = packet.clone();
        int lie = random.nextBoolean() ? random.nextInt(0x10000) : packet.length - StunCodec.HEADER_LENGTH
                + 4 * (random.nextInt(5) - 2);
        ByteBuffer.wrap(copy).putShort(2, (short) lie);
        return copy;
    }

    /** Rewrites the length field of one attribute (if any) with a plausible or wild value. */
    private byte[] lieAboutAttributeLength(byte[] packet) {
        byte[] copy = packet.clone();
        List<Integer> headers = new ArrayList<>();
        int pos = StunCodec.HEADER_LENGTH;
        while (pos + 4 <= copy.length) {
            headers.add(pos);
            int length = ((copy[pos + 2] & 0xFF) << 8) | (copy[pos + 3] & 0xFF);
            pos += 4 + ((length + 3) & -4);
        }
        if (headers.isEmpty()) {
            return copy;
        }
        int at = headers.get(random.nextInt(headers.size()));
        int lie = random.nextBoolean() ? random.nextInt(0x10000) : random.nextInt(32);
        ByteBuffer.wrap(copy).putShort(at + 2, (short) lie);
        return copy;
    }

    private byte[] appendRandom(byte[] packet) {
        byte[] tail = new byte[1 + random.nextInt(16)];
        random.nextBytes(tail);
        byte[] copy = Arrays.copyOf(packet, packet.length + tail.length);
        System.arraycopy(tail, 0, copy, packet.length, tail.length);
        return copy;
    }

    private InetSocketAddress randomSource() {
        int n = random.nextInt(SOURCE_POOL);
        try {
            InetAddress address = InetAddress.getByAddress(new byte[] {(byte) 198, 51, (byte) (n >> 8), (byte) n});
            return new InetSocketAddress(address, 1 + random.nextInt(0xFFFF));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
