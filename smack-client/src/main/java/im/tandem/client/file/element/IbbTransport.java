package im.tandem.client.file.element;

import java.util.List;
import java.util.Objects;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/**
 * The in-band bytestreams transport (XEP-0261, namespace {@value #NAMESPACE}): {@code <transport block-size='4096'
 * sid='…' stanza='iq'/>}. The responder may answer with a smaller block size, which both then use.
 */
public final class IbbTransport extends JingleContentTransport {
    public static final String NAMESPACE = "urn:xmpp:jingle:transports:ibb:1";
    public static final String ATTR_BLOCK_SIZE = "block-size";
    public static final String ATTR_SID = "sid";
    public static final String ATTR_STANZA = "stanza";
    /** XEP-0047 sends the block size as a 16-bit unsigned number. */
    public static final int MAX_BLOCK_SIZE = 65535;

    /** How the data travels; IQ stanzas, the default, are acknowledged one by one. */
    public enum Stanza {
        IQ("iq"),
        MESSAGE("message");

        private final String xml;

        Stanza(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        /**
         * @throws IllegalArgumentException naming the allowed values
         */
        public static Stanza fromXml(String value) {
            for (Stanza stanza : values()) {
                if (stanza.xml.equals(value)) {
                    return stanza;
                }
            }
            throw new IllegalArgumentException("<transport/> attribute 'stanza' must be iq or message, got '"
                    + value + "'");
        }
    }

    private final int blockSize;
    private final String sid;
    private final Stanza stanza;

    public IbbTransport(int blockSize, String sid, Stanza stanza) {
        super(List.of());
        if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("<transport/> attribute 'block-size' must be 1 to " + MAX_BLOCK_SIZE
                    + ", got " + blockSize);
        }
        if (sid == null || sid.isBlank()) {
            throw new IllegalArgumentException("<transport/> of in-band bytestreams needs a 'sid'");
        }
        this.blockSize = blockSize;
        this.sid = sid;
        this.stanza = Objects.requireNonNull(stanza, "stanza");
    }

    public int blockSize() {
        return blockSize;
    }

    public String sid() {
        return sid;
    }

    public Stanza stanza() {
        return stanza;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        return new XmlStringBuilder(this, enclosingNamespace)
                .attribute(ATTR_BLOCK_SIZE, blockSize)
                .attribute(ATTR_SID, sid)
                .attribute(ATTR_STANZA, stanza.xml())
                .closeEmptyElement();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IbbTransport other && blockSize == other.blockSize && sid.equals(other.sid)
                && stanza == other.stanza;
    }

    @Override
    public int hashCode() {
        return Objects.hash(blockSize, sid, stanza);
    }

    @Override
    public String toString() {
        return "in-band transport " + sid + ", blocks of " + blockSize + " bytes in " + stanza.xml() + " stanzas";
    }
}
