package im.tandem.client.extdisco;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.IQProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/** Parses XEP-0215 service lists strictly: a service without type, host or a valid port is a parse error. */
public final class ExternalServicesProvider extends IQProvider<ExternalServicesIQ> {
    @Override
    public ExternalServicesIQ parse(XmlPullParser parser, int initialDepth, XmlEnvironment environment)
            throws XmlPullParserException, IOException, SmackParsingException {
        List<ExternalService> services = new ArrayList<>();
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT && "service".equals(parser.getName())) {
                services.add(service(parser));
            } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                return new ExternalServicesIQ(services);
            } else if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new SmackParsingException("the services element is not closed");
            }
        }
    }

    private static ExternalService service(XmlPullParser parser) throws SmackParsingException {
        String type = required(parser, "type");
        String host = required(parser, "host");
        int port;
        try {
            port = Integer.parseInt(required(parser, "port"));
        } catch (NumberFormatException e) {
            throw new SmackParsingException("service port '" + parser.getAttributeValue("", "port") + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new SmackParsingException("service port " + port + " is outside 1-65535");
        }
        String transport = Optional.ofNullable(parser.getAttributeValue("", "transport")).orElse("udp");
        Optional<Instant> expires;
        try {
            expires = Optional.ofNullable(parser.getAttributeValue("", "expires")).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new SmackParsingException("service expires '" + parser.getAttributeValue("", "expires")
                    + "' is not an XEP-0082 date-time");
        }
        return new ExternalService(type, host, port, transport,
                Optional.ofNullable(parser.getAttributeValue("", "username")),
                Optional.ofNullable(parser.getAttributeValue("", "password")), expires);
    }

    private static String required(XmlPullParser parser, String attribute) throws SmackParsingException {
        String value = parser.getAttributeValue("", attribute);
        if (value == null || value.isEmpty()) {
            throw new SmackParsingException("service without " + attribute);
        }
        return value;
    }
}
