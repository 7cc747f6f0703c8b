package im.tandem.client.jingle.provider;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

import im.tandem.client.jingle.element.DtlsFingerprint;
import im.tandem.client.jingle.element.DtlsSetup;

/** Parses XEP-0320's {@code <fingerprint hash='…' setup='…'>hex pairs</fingerprint>}; every part is required. */
public final class DtlsFingerprintProvider extends ExtensionElementProvider<DtlsFingerprint> {
    public static final DtlsFingerprintProvider INSTANCE = new DtlsFingerprintProvider();
    private static final String ELEMENT = DtlsFingerprint.ELEMENT;

    @Override
    public DtlsFingerprint parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, JingleParseException {
        String hash = StrictXml.required(parser, ELEMENT, DtlsFingerprint.ATTR_HASH);
        String setup = StrictXml.required(parser, ELEMENT, DtlsFingerprint.ATTR_SETUP);
        String value = StrictXml.text(parser, initialDepth, ELEMENT);
        try {
            return new DtlsFingerprint(hash, DtlsSetup.fromXml(setup), value);
        } catch (IllegalArgumentException e) {
            throw new JingleParseException(e.getMessage());
        }
    }
}
