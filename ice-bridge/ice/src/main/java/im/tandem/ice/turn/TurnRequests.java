package im.tandem.ice.turn;

import im.tandem.ice.stun.AddressAttribute;
import im.tandem.ice.stun.AttributeType;
import im.tandem.ice.stun.MessageClass;
import im.tandem.ice.stun.MessageIntegrity;
import im.tandem.ice.stun.MessageType;
import im.tandem.ice.stun.StunAttribute;
import im.tandem.ice.stun.StunCodec;
import im.tandem.ice.stun.StunMessage;
import im.tandem.ice.stun.TransactionId;
import im.tandem.ice.stun.UnrecognisedAttribute;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The TURN requests a client sends on an allocation it already has (RFC 8656): ChannelBind and Refresh, signed
 * with the long-term credential once the server's challenge has named its realm and nonce.
 */
final class TurnRequests {

    private TurnRequests() {
    }

    /** A ChannelBind of {@code channel} to {@code peer} (RFC 8656 11.1). */
    static List<StunAttribute> channelBind(int channel, InetSocketAddress peer) {
        byte[] number = ByteBuffer.allocate(Integer.BYTES).putShort((short) channel).array();
        return List.of(new UnrecognisedAttribute(AttributeType.CHANNEL_NUMBER, number),
                new AddressAttribute(AttributeType.XOR_PEER_ADDRESS, peer));
    }

    /** A Refresh asking for {@code seconds} more of the allocation's life; 0 releases it (RFC 8656 7). */
    static List<StunAttribute> refresh(int seconds) {
        return List.of(new UnrecognisedAttribute(AttributeType.LIFETIME,
                ByteBuffer.allocate(Integer.BYTES).putInt(seconds).array()));
    }

    /**
     * The request encoded, with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY once a challenge gave a realm and
     * nonce ({@code challenge} null before that: the first request goes unsigned and draws the challenge).
     */
    static byte[] encode(int method, TransactionId id, List<StunAttribute> attributes, Challenge challenge) {
        List<StunAttribute> all = new ArrayList<>(attributes);
        MessageType type = new MessageType(method, MessageClass.REQUEST);
        if (challenge == null) {
            return StunCodec.encode(new StunMessage(type, id, all));
        }
        all.add(new UnrecognisedAttribute(AttributeType.USERNAME, challenge.username().getBytes(StandardCharsets.UTF_8)));
        all.add(new UnrecognisedAttribute(AttributeType.REALM, challenge.realm().getBytes(StandardCharsets.UTF_8)));
        all.add(new UnrecognisedAttribute(AttributeType.NONCE, challenge.nonce()));
        return MessageIntegrity.seal(StunCodec.encode(new StunMessage(type, id, all)), challenge.key());
    }

    /** The server's realm and nonce with the key our credential makes in that realm. */
    record Challenge(String username, String realm, byte[] nonce, byte[] key) {
    }
}
