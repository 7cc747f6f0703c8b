package im.tandem.client.file.element;

import java.util.Objects;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportCandidate;
import org.jxmpp.jid.Jid;

/**
 * One SOCKS5 candidate of XEP-0260: {@code <candidate cid='…' host='…' jid='…' port='…' priority='…'
 * type='proxy'/>}. For a proxy, {@code jid} is the proxy's address (the one that activates the stream); for the
 * other types it is the offering party's.
 *
 * @param cid      the candidate's id within the transport
 * @param host     an IP address or host name
 * @param port     1 to 65535 ({@value #DEFAULT_PORT} when the attribute is absent, as in XEP-0065)
 * @param priority XEP-0260's priority, higher is preferred
 */
public final class S5bCandidate extends JingleContentTransportCandidate {
    public static final String ATTR_CID = "cid";
    public static final String ATTR_HOST = "host";
    public static final String ATTR_JID = "jid";
    public static final String ATTR_PORT = "port";
    public static final String ATTR_PRIORITY = "priority";
    public static final String ATTR_TYPE = "type";
    /** XEP-0065's port when a streamhost names none. */
    public static final int DEFAULT_PORT = 1080;
    /** XEP-0260 types the priority as a positive integer; ICE's 32-bit range is what the formula produces. */
    public static final long MAX_PRIORITY = (1L << 31) - 1;

    private final String cid;
    private final String host;
    private final Jid jid;
    private final int port;
    private final long priority;
    private final S5bCandidateType type;

    public S5bCandidate(String cid, String host, Jid jid, int port, long priority, S5bCandidateType type) {
        if (cid == null || cid.isBlank()) {
            throw new IllegalArgumentException("<candidate/> attribute 'cid' is missing");
        }
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("<candidate/> attribute 'host' must be an address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("<candidate/> attribute 'port' must be 1 to 65535, got " + port);
        }
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("<candidate/> attribute 'priority' must be 1 to " + MAX_PRIORITY
                    + ", got " + priority);
        }
        this.cid = cid;
        this.host = host;
        this.jid = Objects.requireNonNull(jid, "<candidate/> attribute 'jid' is missing");
        this.port = port;
        this.priority = priority;
        this.type = Objects.requireNonNull(type, "type");
    }

    public String cid() {
        return cid;
    }

    public String host() {
        return host;
    }

    public Jid jid() {
        return jid;
    }

    public int port() {
        return port;
    }

    public long priority() {
        return priority;
    }

    public S5bCandidateType type() {
        return type;
    }

    /** Whether this candidate names the same SOCKS5 server as {@code other}. */
    public boolean sameHostAndPort(S5bCandidate other) {
        return host.equalsIgnoreCase(other.host) && port == other.port;
    }

    @Override
    public String getNamespace() {
        return S5bTransport.NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        return new XmlStringBuilder(this, enclosingNamespace)
                .attribute(ATTR_CID, cid)
                .attribute(ATTR_HOST, host)
                .attribute(ATTR_JID, jid)
                .attribute(ATTR_PORT, port)
                .attribute(ATTR_PRIORITY, priority)
                .attribute(ATTR_TYPE, type.xml())
                .closeEmptyElement();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof S5bCandidate other && cid.equals(other.cid) && host.equals(other.host)
                && jid.equals(other.jid) && port == other.port && priority == other.priority && type == other.type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cid, host, jid, port, priority, type);
    }

    @Override
    public String toString() {
        return type.xml() + " candidate " + cid + " " + host + ":" + port + " (" + jid + ", priority " + priority + ")";
    }
}
