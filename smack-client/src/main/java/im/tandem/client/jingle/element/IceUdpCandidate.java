package im.tandem.client.jingle.element;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportCandidate;

/**
 * One ICE candidate of the ICE-UDP transport (XEP-0176): {@code <candidate component='1' foundation='1'
 * generation='0' id='…' ip='192.0.2.1' network='0' port='3478' priority='2130706431' protocol='udp'
 * type='host'/>}, with {@code rel-addr}/{@code rel-port} for reflexive and relayed candidates.
 *
 * <p>Every value is checked when the candidate is built, so an instance is always one the ICE agent can use:
 * ranges from RFC 8445 and XEP-0176's schema, literal IP addresses only, and the related address present exactly
 * when the type has one. {@code generation}, {@code network} and {@code id} are optional on the wire (XEP-0176
 * 1.1), with generation and network defaulting to 0.
 */
public final class IceUdpCandidate extends JingleContentTransportCandidate {
    public static final String ATTR_COMPONENT = "component";
    public static final String ATTR_FOUNDATION = "foundation";
    public static final String ATTR_GENERATION = "generation";
    public static final String ATTR_ID = "id";
    public static final String ATTR_IP = "ip";
    public static final String ATTR_NETWORK = "network";
    public static final String ATTR_PORT = "port";
    public static final String ATTR_PRIORITY = "priority";
    public static final String ATTR_PROTOCOL = "protocol";
    public static final String ATTR_REL_ADDR = "rel-addr";
    public static final String ATTR_REL_PORT = "rel-port";
    public static final String ATTR_TYPE = "type";

    /** The only transport protocol of the ICE-UDP transport. */
    public static final String PROTOCOL_UDP = "udp";

    /** RFC 8445 §5.1.1.1: component IDs start at 1 (RTP), and XEP-0176 types them as unsigned bytes. */
    public static final int MIN_COMPONENT = 1;
    public static final int MAX_COMPONENT = 255;
    /** RFC 8445 §5.1.1.3 / RFC 8839 §5.1: a foundation is 1 to 32 ice-chars. */
    public static final int MAX_FOUNDATION_LENGTH = 32;
    /** XEP-0176 types generation and network as unsigned bytes. */
    public static final int MAX_GENERATION = 255;
    public static final int MAX_NETWORK = 255;
    /** Absent generation means the session's first set of candidates (XEP-0176 §ICE Restarts counts from 0). */
    public static final int DEFAULT_GENERATION = 0;
    /** Absent network means the first (or only) network interface, XEP-0176's index start. */
    public static final int DEFAULT_NETWORK = 0;
    /** Nothing can be sent to port 0; a candidate must name a reachable port. */
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;
    /** RFC 8445 §5.1.2.1: priorities are positive 32-bit values below 2^31. */
    public static final long MIN_PRIORITY = 1;
    public static final long MAX_PRIORITY = (1L << 31) - 1;
    /** The ASCII subset of XML's NCName, XEP-0176's type for the id. */
    private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    private final int component;
    private final String foundation;
    private final int generation;
    private final String id;
    private final InetAddress ip;
    private final int network;
    private final int port;
    private final long priority;
    private final IceUdpCandidateType type;
    private final InetSocketAddress related;

    private IceUdpCandidate(Builder builder) {
        this.component = inRange(builder.component, MIN_COMPONENT, MAX_COMPONENT, ATTR_COMPONENT);
        this.foundation = IceChars.require(builder.foundation, attribute(ATTR_FOUNDATION), 1, MAX_FOUNDATION_LENGTH);
        this.generation = inRange(builder.generation, 0, MAX_GENERATION, ATTR_GENERATION);
        if (builder.id != null && !ID.matcher(builder.id).matches()) {
            throw new IllegalArgumentException(attribute(ATTR_ID) + " must be an XML name (a letter or '_' "
                    + "followed by letters, digits, '.', '-' or '_'), got '" + builder.id + "'");
        }
        this.id = builder.id;
        this.ip = Objects.requireNonNull(builder.ip, () -> attribute(ATTR_IP) + " is missing");
        this.network = inRange(builder.network, 0, MAX_NETWORK, ATTR_NETWORK);
        this.port = inRange(builder.port, MIN_PORT, MAX_PORT, ATTR_PORT);
        if (builder.priority < MIN_PRIORITY || builder.priority > MAX_PRIORITY) {
            throw new IllegalArgumentException(attribute(ATTR_PRIORITY) + " must be " + MIN_PRIORITY + " to "
                    + MAX_PRIORITY + ", got " + builder.priority);
        }
        this.priority = builder.priority;
        this.type = Objects.requireNonNull(builder.type, () -> attribute(ATTR_TYPE) + " is missing");
        this.related = builder.related;
        checkRelatedAddress();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * RFC 8839 §5.1: reflexive and relayed candidates carry the address they were derived from; a host
     * candidate has none.
     */
    private void checkRelatedAddress() {
        if (type == IceUdpCandidateType.HOST && related != null) {
            throw new IllegalArgumentException("a host candidate has no '" + ATTR_REL_ADDR + "'/'" + ATTR_REL_PORT
                    + "', got " + related);
        }
        if (type != IceUdpCandidateType.HOST && related == null) {
            throw new IllegalArgumentException("a " + type.xml() + " candidate needs '" + ATTR_REL_ADDR + "' and '"
                    + ATTR_REL_PORT + "'");
        }
    }

    private static int inRange(long value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(attribute(name) + " must be " + min + " to " + max + ", got " + value);
        }
        return (int) value;
    }

    private static String attribute(String name) {
        return "candidate attribute '" + name + "'";
    }

    public int component() {
        return component;
    }

    public String foundation() {
        return foundation;
    }

    public int generation() {
        return generation;
    }

    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    public InetAddress ip() {
        return ip;
    }

    public int network() {
        return network;
    }

    public int port() {
        return port;
    }

    /** The candidate's transport address, ip and port together. */
    public InetSocketAddress address() {
        return new InetSocketAddress(ip, port);
    }

    public long priority() {
        return priority;
    }

    public IceUdpCandidateType type() {
        return type;
    }

    /** Where a reflexive or relayed candidate came from: {@code rel-addr} and {@code rel-port}. */
    public Optional<InetSocketAddress> related() {
        return Optional.ofNullable(related);
    }

    @Override
    public String getNamespace() {
        return IceUdpTransport.NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.attribute(ATTR_COMPONENT, component);
        xml.attribute(ATTR_FOUNDATION, foundation);
        xml.attribute(ATTR_GENERATION, generation);
        xml.optAttribute(ATTR_ID, id);
        xml.attribute(ATTR_IP, ip.getHostAddress());
        xml.attribute(ATTR_NETWORK, network);
        xml.attribute(ATTR_PORT, port);
        xml.attribute(ATTR_PRIORITY, priority);
        xml.attribute(ATTR_PROTOCOL, PROTOCOL_UDP);
        if (related != null) {
            xml.attribute(ATTR_REL_ADDR, related.getAddress().getHostAddress());
            xml.attribute(ATTR_REL_PORT, related.getPort());
        }
        xml.attribute(ATTR_TYPE, type.xml());
        return xml.closeEmptyElement();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IceUdpCandidate other && component == other.component
                && foundation.equals(other.foundation) && generation == other.generation
                && Objects.equals(id, other.id) && ip.equals(other.ip) && network == other.network
                && port == other.port && priority == other.priority && type == other.type
                && Objects.equals(related, other.related);
    }

    @Override
    public int hashCode() {
        return Objects.hash(component, foundation, generation, id, ip, network, port, priority, type, related);
    }

    @Override
    public String toString() {
        return type.xml() + " " + ip.getHostAddress() + ":" + port + " (component " + component + ", priority "
                + priority + (related != null ? ", from " + related : "") + ")";
    }

    /**
     * Collects a candidate's values; {@link #build()} checks them all. Numbers are taken as longs so that an
     * out-of-range value from the wire is reported as it was sent, not wrapped around.
     */
    public static final class Builder {
        private long component;
        private String foundation;
        private long generation = DEFAULT_GENERATION;
        private String id;
        private InetAddress ip;
        private long network = DEFAULT_NETWORK;
        private long port;
        private long priority;
        private IceUdpCandidateType type;
        private InetSocketAddress related;

        private Builder() {
        }

        public Builder component(long component) {
            this.component = component;
            return this;
        }

        public Builder foundation(String foundation) {
            this.foundation = foundation;
            return this;
        }

        public Builder generation(long generation) {
            this.generation = generation;
            return this;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder ip(InetAddress ip) {
            this.ip = ip;
            return this;
        }

        /**
         * Sets the address from its text form.
         *
         * @throws IllegalArgumentException unless the text is a literal IPv4 or IPv6 address
         */
        public Builder ip(String ip) {
            return ip(IpLiterals.parse(ip, attribute(ATTR_IP)));
        }

        public Builder network(long network) {
            this.network = network;
            return this;
        }

        public Builder port(long port) {
            this.port = port;
            return this;
        }

        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        public Builder type(IceUdpCandidateType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets {@code rel-addr} and {@code rel-port}.
         *
         * @throws IllegalArgumentException unless the address is a literal IP address and the port 0-65535
         */
        public Builder related(String address, long port) {
            InetAddress relatedIp = IpLiterals.parse(address, attribute(ATTR_REL_ADDR));
            // Port 0 is allowed here: RFC 8839 lets a peer hide the related address as 0.0.0.0 port 0.
            this.related = new InetSocketAddress(relatedIp, inRange(port, 0, MAX_PORT, ATTR_REL_PORT));
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first value that is missing or out of range
         */
        public IceUdpCandidate build() {
            return new IceUdpCandidate(this);
        }
    }
}
