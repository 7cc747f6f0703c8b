package im.tandem.client.file.element;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/**
 * The SOCKS5 bytestreams transport (XEP-0260, namespace {@value #NAMESPACE}): the stream id, the mode, optionally
 * the sender's DST.ADDR hash, and either candidates or one {@link S5bSignal} (the schema's choice).
 */
public final class S5bTransport extends JingleContentTransport {
    public static final String NAMESPACE = "urn:xmpp:jingle:transports:s5b:1";
    public static final String ATTR_SID = "sid";
    public static final String ATTR_MODE = "mode";
    public static final String ATTR_DSTADDR = "dstaddr";
    /** TCP, the schema's default and the only mode a file needs (XEP-0065's UDP mode is for datagrams). */
    public static final String MODE_TCP = "tcp";
    public static final String MODE_UDP = "udp";

    private final String sid;
    private final String mode;
    private final String dstaddr;
    private final List<S5bCandidate> s5bCandidates;
    private final S5bSignal signal;

    private S5bTransport(String sid, String mode, String dstaddr, List<S5bCandidate> candidates, S5bSignal signal) {
        super(List.copyOf(candidates));
        if (sid == null || sid.isBlank()) {
            throw new IllegalArgumentException("<transport/> of SOCKS5 bytestreams needs a 'sid'");
        }
        if (!MODE_TCP.equals(mode) && !MODE_UDP.equals(mode)) {
            throw new IllegalArgumentException("<transport/> attribute 'mode' must be tcp or udp, got '" + mode + "'");
        }
        if (signal != null && !candidates.isEmpty()) {
            throw new IllegalArgumentException("<transport/> carries candidates or one of candidate-used, "
                    + "candidate-error, activated, proxy-error, not both");
        }
        this.sid = sid;
        this.mode = mode;
        this.dstaddr = dstaddr;
        this.s5bCandidates = List.copyOf(candidates);
        this.signal = signal;
    }

    /** Our candidates (possibly none), with the DST.ADDR we will use, in TCP mode. */
    public static S5bTransport candidates(String sid, String dstaddr, List<S5bCandidate> candidates) {
        return new S5bTransport(sid, MODE_TCP, Objects.requireNonNull(dstaddr, "dstaddr"), candidates, null);
    }

    /** A transport-info reporting {@code signal}. */
    public static S5bTransport signal(String sid, S5bSignal signal) {
        return new S5bTransport(sid, MODE_TCP, null, List.of(), Objects.requireNonNull(signal, "signal"));
    }

    /** As parsed: any mode, candidates or a signal (or neither), the dstaddr if given. */
    public static S5bTransport parsed(String sid, String mode, String dstaddr, List<S5bCandidate> candidates,
            S5bSignal signal) {
        return new S5bTransport(sid, mode, dstaddr, candidates, signal);
    }

    public String sid() {
        return sid;
    }

    public String mode() {
        return mode;
    }

    public Optional<String> dstaddr() {
        return Optional.ofNullable(dstaddr);
    }

    public List<S5bCandidate> s5bCandidates() {
        return s5bCandidates;
    }

    public Optional<S5bSignal> signal() {
        return Optional.ofNullable(signal);
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace)
                .attribute(ATTR_SID, sid)
                .attribute(ATTR_MODE, mode)
                .optAttribute(ATTR_DSTADDR, dstaddr);
        if (signal == null && s5bCandidates.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        if (signal != null) {
            signal.appendTo(xml);
        }
        xml.append(s5bCandidates);
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof S5bTransport other && sid.equals(other.sid) && mode.equals(other.mode)
                && Objects.equals(dstaddr, other.dstaddr) && s5bCandidates.equals(other.s5bCandidates)
                && Objects.equals(signal, other.signal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sid, mode, dstaddr, s5bCandidates, signal);
    }

    @Override
    public String toString() {
        return "SOCKS5 transport " + sid + (signal != null ? " " + signal : ", " + s5bCandidates.size()
                + " candidate(s)");
    }
}
