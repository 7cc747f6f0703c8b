package im.tandem.client.jingle.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.IceCredentials;
import im.tandem.client.jingle.element.IceUdpCandidate;
import im.tandem.client.jingle.element.IceUdpTransport;

/**
 * Parses the ICE-UDP {@code <transport/>}: {@code ufrag} and {@code pwd} together or not at all, candidates, and
 * at most one XEP-0320 fingerprint. XEP-0176's {@code <remote-candidate/>} only reports the pair ICE already
 * nominated through STUN, so it is skipped, as are extensions in other namespaces; anything else in the ICE-UDP
 * namespace is an error.
 */
public final class IceUdpTransportProvider extends ExtensionElementProvider<IceUdpTransport> {
    public static final IceUdpTransportProvider INSTANCE = new IceUdpTransportProvider();
    private static final String ELEMENT = IceUdpTransport.ELEMENT;
    private static final String REMOTE_CANDIDATE = "remote-candidate";

    @Override
    public IceUdpTransport parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        IceUdpTransport.Builder transport = IceUdpTransport.builder();
        readCredentials(parser, transport);
        boolean fingerprintSeen = false;
        while (StrictXml.nextChild(parser, initialDepth, ELEMENT)) {
            String name = parser.getName();
            String namespace = parser.getNamespace();
            if (IceUdpTransport.NAMESPACE.equals(namespace) && IceUdpCandidate.ELEMENT.equals(name)) {
                transport.candidate(IceUdpCandidateProvider.INSTANCE.parse(parser));
            } else if (DtlsFingerprint.NAMESPACE.equals(namespace) && DtlsFingerprint.ELEMENT.equals(name)) {
                if (fingerprintSeen) {
                    throw new JingleParseException("<transport/> may carry one <fingerprint/>, got more");
                }
                fingerprintSeen = true;
                transport.fingerprint(DtlsFingerprintProvider.INSTANCE.parse(parser));
            } else if (IceUdpTransport.NAMESPACE.equals(namespace) && !REMOTE_CANDIDATE.equals(name)) {
                throw new JingleParseException("<transport/> of ICE-UDP has no <" + name + "/> element");
            } else {
                StrictXml.skip(parser);
            }
        }
        try {
            return transport.build();
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }

    private static void readCredentials(XmlPullParser parser, IceUdpTransport.Builder transport)
            throws JingleParseException {
        String ufrag = StrictXml.optional(parser, IceUdpTransport.ATTR_UFRAG);
        String pwd = StrictXml.optional(parser, IceUdpTransport.ATTR_PWD);
        if ((ufrag == null) != (pwd == null)) {
            throw new JingleParseException("<transport/> attributes 'ufrag' and 'pwd' come together, got only '"
                    + (ufrag == null ? IceUdpTransport.ATTR_PWD : IceUdpTransport.ATTR_UFRAG) + "'");
        }
        if (ufrag != null) {
            try {
                transport.credentials(new IceCredentials(ufrag, pwd));
            } catch (IllegalArgumentException e) {
                throw new JingleParseException(e.getMessage());
            }
        }
    }
}
