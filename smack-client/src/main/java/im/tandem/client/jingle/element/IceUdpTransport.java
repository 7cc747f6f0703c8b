package im.tandem.client.jingle.element;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.jingle.element.JingleContentTransport;

/**
 * The ICE-UDP transport of a Jingle content (XEP-0176, namespace {@value #NAMESPACE}): the sender's ICE
 * credentials, its DTLS fingerprint (XEP-0320) and zero or more candidates. Sent in session-initiate and
 * session-accept, and again in transport-info to trickle further candidates.
 *
 * <p>XEP-0176 requires {@code ufrag} and {@code pwd} whenever candidates are sent, so a transport with candidates
 * but no credentials cannot be built. An empty transport (all candidates to be trickled later) is valid.
 */
public final class IceUdpTransport extends JingleContentTransport {
    public static final String NAMESPACE = "urn:xmpp:jingle:transports:ice-udp:1";
    public static final String ATTR_UFRAG = "ufrag";
    public static final String ATTR_PWD = "pwd";

    private final IceCredentials credentials;
    private final DtlsFingerprint fingerprint;
    private final List<IceUdpCandidate> iceCandidates;

    private IceUdpTransport(IceCredentials credentials, DtlsFingerprint fingerprint, List<IceUdpCandidate> candidates) {
        super(List.copyOf(candidates));
        if (credentials == null && !candidates.isEmpty()) {
            throw new IllegalArgumentException("a transport with candidates needs '" + ATTR_UFRAG + "' and '"
                    + ATTR_PWD + "' (XEP-0176)");
        }
        this.credentials = credentials;
        this.fingerprint = fingerprint;
        this.iceCandidates = List.copyOf(candidates);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<IceCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public Optional<DtlsFingerprint> fingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    /** The candidates in the order they were sent. */
    public List<IceUdpCandidate> candidates() {
        return iceCandidates;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    /** Smack's version writes candidates only; ours adds the fingerprint child before them, as XEP-0320 shows. */
    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        if (credentials != null) {
            xml.attribute(ATTR_UFRAG, credentials.ufrag());
            xml.attribute(ATTR_PWD, credentials.pwd());
        }
        if (fingerprint == null && iceCandidates.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        xml.optElement(fingerprint);
        xml.append(iceCandidates);
        return xml.closeElement(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IceUdpTransport other && Objects.equals(credentials, other.credentials)
                && Objects.equals(fingerprint, other.fingerprint) && iceCandidates.equals(other.iceCandidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(credentials, fingerprint, iceCandidates);
    }

    @Override
    public String toString() {
        return "ICE-UDP transport " + (credentials != null ? credentials.ufrag() : "(no credentials)")
                + ", " + iceCandidates.size() + " candidate(s)" + (fingerprint != null ? ", " + fingerprint : "");
    }

    /** Collects a transport's parts; {@link #build()} checks that candidates come with credentials. */
    public static final class Builder {
        private IceCredentials credentials;
        private DtlsFingerprint fingerprint;
        private final List<IceUdpCandidate> candidates = new ArrayList<>();

        private Builder() {
        }

        public Builder credentials(IceCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder fingerprint(DtlsFingerprint fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder candidate(IceUdpCandidate candidate) {
            candidates.add(Objects.requireNonNull(candidate, "candidate"));
            return this;
        }

        /**
         * @throws IllegalArgumentException when there are candidates but no credentials
         */
        public IceUdpTransport build() {
            return new IceUdpTransport(credentials, fingerprint, candidates);
        }
    }
}
