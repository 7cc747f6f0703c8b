package im.tandem.ice.stun;

import java.net.InetSocketAddress;

/**
 * MAPPED-ADDRESS, XOR-MAPPED-ADDRESS, SOURCE-ADDRESS, CHANGED-ADDRESS, RESPONSE-ORIGIN, OTHER-ADDRESS or TURN's
 * XOR-PEER-ADDRESS. The address is always held in the clear; the codec applies the XOR for the XOR- types.
 */
public record AddressAttribute(int type, InetSocketAddress address) implements StunAttribute {

    public AddressAttribute {
        if (!AttributeType.isAddress(type)) {
            throw new IllegalArgumentException("not an address attribute type: 0x" + Integer.toHexString(type));
        }
        if (address == null || address.isUnresolved()) {
            throw new IllegalArgumentException("address must be a resolved IP address and port: " + address);
        }
    }
}
