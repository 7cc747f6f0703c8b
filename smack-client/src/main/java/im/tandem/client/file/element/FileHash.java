package im.tandem.client.file.element;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * A hash of a file's content (XEP-0300): {@code <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>base64</hash>}.
 * XEP-0234 lets an offer name the algorithm with an empty element and send the value later in a checksum.
 */
public final class FileHash implements ExtensionElement {
    public static final String NAMESPACE = "urn:xmpp:hashes:2";
    public static final String ELEMENT = "hash";
    public static final String ATTR_ALGO = "algo";
    /** XEP-0300's mandatory-to-implement algorithm, and the one we send. */
    public static final String SHA_256 = "sha-256";
    /** IANA's "Hash Function Textual Names" are lower-case tokens such as sha-256 or blake2b-512. */
    private static final Pattern ALGORITHM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final String algorithm;
    private final byte[] value;

    private FileHash(String algorithm, byte[] value) {
        String name = algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT);
        if (!ALGORITHM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("<hash/> attribute 'algo' must be a hash name such as sha-256, got '"
                    + algorithm + "'");
        }
        if (value != null && value.length == 0) {
            throw new IllegalArgumentException("a computed " + name + " hash cannot be empty");
        }
        this.algorithm = name;
        this.value = value == null ? null : value.clone();
    }

    /** A computed hash. */
    public static FileHash of(String algorithm, byte[] value) {
        return new FileHash(algorithm, value);
    }

    /** Only the algorithm, announcing that the value follows in a checksum (XEP-0234 §8.2). */
    public static FileHash announced(String algorithm) {
        return new FileHash(algorithm, null);
    }

    public String algorithm() {
        return algorithm;
    }

    /** The digest, unless this hash only announces its algorithm. */
    public Optional<byte[]> value() {
        return Optional.ofNullable(value).map(byte[]::clone);
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
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace).attribute(ATTR_ALGO, algorithm);
        if (value == null) {
            return xml.closeEmptyElement();
        }
        return xml.rightAngleBracket().append(Base64.getEncoder().encodeToString(value)).closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileHash other && algorithm.equals(other.algorithm) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return algorithm + (value == null ? " (to follow)" : " " + Base64.getEncoder().encodeToString(value));
    }
}
