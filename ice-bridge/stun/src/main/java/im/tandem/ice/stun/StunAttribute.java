package im.tandem.ice.stun;

/**
 * One decoded attribute. FINGERPRINT is not an attribute object: the codec computes and checks it, and
 * {@link StunMessage#fingerprint()} says whether it is (to be) present.
 */
public sealed interface StunAttribute
        permits AddressAttribute, ChangeRequest, ErrorCode, Software, UnknownAttributes, UnrecognisedAttribute {

    /** The attribute type number on the wire (see {@link AttributeType}). */
    int type();
}
