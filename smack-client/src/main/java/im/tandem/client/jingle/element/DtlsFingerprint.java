package im.tandem.client.jingle.element;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The fingerprint of the certificate a side will present on the encrypted channel (XEP-0320):
 * {@code <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>02:1A:…</fingerprint>},
 * carried inside the ICE-UDP transport. The peer's channel is trusted only if its certificate hashes to this.
 *
 * <p>The hash must be one of RFC 8122's SHA family names (MD2 and MD5 are forbidden there) and the value must be
 * exactly that hash's length in colon-separated hex pairs. Which hashes a channel accepts is the channel's
 * decision; this element only guarantees a well-formed value.
 */
public final class DtlsFingerprint implements ExtensionElement {
    public static final String NAMESPACE = "urn:xmpp:jingle:apps:dtls:0";
    public static final String ELEMENT = "fingerprint";
    public static final String ATTR_HASH = "hash";
    public static final String ATTR_SETUP = "setup";

    /** Digest length in bytes of each hash name from IANA's "Hash Function Textual Names" that RFC 8122 allows. */
    private static final Map<String, Integer> HASH_LENGTHS = Map.of(
            "sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*");

    private final String hash;
    private final DtlsSetup setup;
    private final String value;

    /**
     * @param hash  a hash name such as "sha-256" (case-insensitive, as RFC 8122 says)
     * @param setup the sender's handshake role
     * @param value the digest as colon-separated hex pairs
     * @throws IllegalArgumentException naming what is wrong
     */
    public DtlsFingerprint(String hash, DtlsSetup setup, String value) {
        String name = hash == null ? null : hash.toLowerCase(Locale.ROOT);
        Integer length = HASH_LENGTHS.get(name);
        if (length == null) {
            throw new IllegalArgumentException("fingerprint attribute 'hash' must be one of "
                    + HASH_LENGTHS.keySet().stream().sorted().toList() + ", got '" + hash + "'");
        }
        this.hash = name;
        this.setup = Objects.requireNonNull(setup, "fingerprint attribute 'setup' is missing");
        String digits = value == null ? "" : value.strip();
        if (!HEX_PAIRS.matcher(digits).matches()) {
            throw new IllegalArgumentException("a fingerprint is colon-separated hex pairs such as 02:1A:CC, got '"
                    + value + "'");
        }
        int bytes = (digits.length() + 1) / 3;
        if (bytes != length) {
            throw new IllegalArgumentException("a " + name + " fingerprint has " + length + " bytes, got " + bytes);
        }
        // RFC 8122 writes fingerprints in upper case; normalising makes equal fingerprints compare equal.
        this.value = digits.toUpperCase(Locale.ROOT);
    }

    /** The hash name in lower case, e.g. "sha-256". */
    public String hash() {
        return hash;
    }

    public DtlsSetup setup() {
        return setup;
    }

    /** The digest as upper-case colon-separated hex pairs. */
    public String value() {
        return value;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute(ATTR_HASH, hash);
        xml.attribute(ATTR_SETUP, setup.xml());
        xml.rightAngleBracket();
        xml.escape(value);
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint other && hash.equals(other.hash) && setup == other.setup
                && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, setup, value);
    }

    @Override
    public String toString() {
        return hash + " " + value + " (" + setup.xml() + ")";
    }
}
