package im.tandem.client.file.provider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import im.tandem.client.file.element.S5bCandidate;
import im.tandem.client.file.element.S5bCandidateType;
import im.tandem.client.file.element.S5bSignal;
import im.tandem.client.file.element.S5bTransport;
import im.tandem.client.jingle.provider.JingleParseException;
import im.tandem.client.jingle.provider.StrictXml;

/**
 * Parses XEP-0260's transport: sid required, mode (tcp) and dstaddr optional, then either candidates or exactly one
 * of candidate-used, candidate-error, activated and proxy-error. Anything else in the namespace is an error.
 */
public final class S5bTransportProvider extends ExtensionElementProvider<S5bTransport> {
    public static final S5bTransportProvider INSTANCE = new S5bTransportProvider();
    private static final String ELEMENT = S5bTransport.ELEMENT;

    @Override
    public S5bTransport parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        String sid = StrictXml.required(parser, ELEMENT, S5bTransport.ATTR_SID);
        String mode = StrictXml.optional(parser, S5bTransport.ATTR_MODE);
        String dstaddr = StrictXml.optional(parser, S5bTransport.ATTR_DSTADDR);
        List<S5bCandidate> candidates = new ArrayList<>();
        S5bSignal signal = null;
        while (StrictXml.nextChild(parser, initialDepth, ELEMENT)) {
            String name = parser.getName();
            if (!S5bTransport.NAMESPACE.equals(parser.getNamespace())) {
                StrictXml.skip(parser);
                continue;
            }
            if ("candidate".equals(name)) {
                candidates.add(candidate(parser));
                continue;
            }
            if (signal != null) {
                throw new JingleParseException("<transport/> may report one of candidate-used, candidate-error, "
                        + "activated and proxy-error, got more");
            }
            signal = signal(parser, name);
        }
        try {
            return S5bTransport.parsed(sid, mode == null ? S5bTransport.MODE_TCP : mode, dstaddr, candidates, signal);
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }

    private static S5bSignal signal(XmlPullParser parser, String name)
            throws XmlPullParserException, IOException, JingleParseException {
        S5bSignal signal = switch (name) {
            case S5bSignal.CANDIDATE_USED -> new S5bSignal.CandidateUsed(
                    StrictXml.required(parser, name, S5bSignal.ATTR_CID));
            case S5bSignal.ACTIVATED -> new S5bSignal.Activated(StrictXml.required(parser, name, S5bSignal.ATTR_CID));
            case S5bSignal.CANDIDATE_ERROR -> new S5bSignal.CandidateError();
            case S5bSignal.PROXY_ERROR -> new S5bSignal.ProxyError();
            default -> throw new JingleParseException("<transport/> of SOCKS5 bytestreams has no <" + name
                    + "/> element");
        };
        StrictXml.requireEmpty(parser, parser.getDepth(), name);
        return signal;
    }

    private static S5bCandidate candidate(XmlPullParser parser)
            throws XmlPullParserException, IOException, JingleParseException {
        String element = "candidate";
        String port = StrictXml.optional(parser, S5bCandidate.ATTR_PORT);
        String type = StrictXml.optional(parser, S5bCandidate.ATTR_TYPE);
        try {
            S5bCandidate candidate = new S5bCandidate(
                    StrictXml.required(parser, element, S5bCandidate.ATTR_CID),
                    StrictXml.required(parser, element, S5bCandidate.ATTR_HOST),
                    jid(StrictXml.required(parser, element, S5bCandidate.ATTR_JID)),
                    port == null ? S5bCandidate.DEFAULT_PORT
                            : (int) Math.min(StrictXml.number(port, element, S5bCandidate.ATTR_PORT), Integer.MAX_VALUE),
                    StrictXml.number(StrictXml.required(parser, element, S5bCandidate.ATTR_PRIORITY), element,
                            S5bCandidate.ATTR_PRIORITY),
                    type == null ? S5bCandidateType.DEFAULT : S5bCandidateType.fromXml(type));
            StrictXml.requireEmpty(parser, parser.getDepth(), element);
            return candidate;
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }

    private static Jid jid(String value) throws JingleParseException {
        try {
            return JidCreate.from(value);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new JingleParseException("<candidate/> attribute 'jid' must be a JID, got '" + value + "'");
        }
    }
}
