package im.tandem.client.direct;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.jid.FullJid;

/**
 * The XML stream of a direct session (XEP-0247) between two full JIDs: a header like a client's stream (RFC 6120)
 * naming both ends, message stanzas, and the closing tag. Writes our side as text, reads the peer's side: only
 * messages are accepted, and only from the peer; anything else is dropped and counted. A stanza larger than the cap
 * ends the reading ({@link StanzaTooLargeException}); the link then ends the stream with {@link #policyViolation}.
 */
final class StanzaStream {
    static final String CLIENT_NAMESPACE = "jabber:client";
    static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";
    /** Ends our direction of the stream. */
    static final String END = "</stream:stream>";
    /** The local name of {@code <stream:error/>}: the parser gives names without their prefix. */
    private static final String STREAM_ERROR = "error";
    private static final XmlEnvironment STANZAS = new XmlEnvironment(CLIENT_NAMESPACE);

    private final FullJid peer;
    private final int maxStanzaBytes;
    private final AtomicLong dropped = new AtomicLong();

    /** @param maxStanzaBytes the largest stanza read from the peer (see {@link DirectConfig#maxStanzaBytes()}) */
    StanzaStream(FullJid peer, int maxStanzaBytes) {
        this.peer = peer;
        this.maxStanzaBytes = maxStanzaBytes;
    }

    /** Our stream header. */
    static String header(FullJid from, FullJid to) {
        return "<stream:stream xmlns='" + CLIENT_NAMESPACE + "' xmlns:stream='" + STREAMS_NAMESPACE + "' from='"
                + StringUtils.escapeForXmlAttributeApos(from.toString()) + "' to='"
                + StringUtils.escapeForXmlAttributeApos(to.toString()) + "' version='1.0'>";
    }

    /**
     * Ends our direction of the stream with the stream error policy-violation (RFC 6120 4.9.3.14) and why. Written
     * here rather than by Smack's {@code StreamError}, which leaves the text element out of the errors' namespace.
     */
    static String policyViolation(String text) {
        return "<stream:error><policy-violation xmlns='" + StreamError.NAMESPACE + "'/><text xmlns='"
                + StreamError.NAMESPACE + "' xml:lang='en'>" + StringUtils.escapeForXmlText(text)
                + "</text></stream:error>" + END;
    }

    /** A stanza as it goes into the stream, whose default namespace is jabber:client. */
    static String toXml(Message message) {
        return message.toXML(STANZAS).toString();
    }

    /**
     * Reads the peer's stream to its end, handing each message to {@code handler} on the calling thread. The input
     * is left open: closing it would close the channel under a write still queued, which would then fail and be
     * taken for how the link ended; the link closes the channel once it has recorded that.
     *
     * @return how the stream ended, when it ended properly
     * @throws StanzaTooLargeException if a stanza was larger than the cap
     * @throws IOException if it broke: not a stream, bad XML, a stanza that cannot be parsed, a stream error from the
     *                     peer, or the input failed
     */
    String read(InputStream input, Consumer<Message> handler) throws IOException {
        StanzaSizeLimit limited = new StanzaSizeLimit(input, maxStanzaBytes);
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(new InputStreamReader(limited, StandardCharsets.UTF_8));
            checkHeader(parser);
            limited.stanzaEnded();
            int streamDepth = parser.getDepth();
            while (true) {
                XmlPullParser.Event event = parser.next();
                if (event == XmlPullParser.Event.START_ELEMENT) {
                    stanza(parser, handler);
                    limited.stanzaEnded();
                } else if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == streamDepth) {
                    return "the peer closed its stream";
                } else if (event == XmlPullParser.Event.END_DOCUMENT) {
                    throw new IOException("the stream ended without its closing tag");
                }
            }
        } catch (XmlPullParserException | SmackParsingException | IOException e) {
            if (limited.exceeded()) { // the parser may have wrapped what the limit threw
                throw new StanzaTooLargeException(limited.maxStanzaBytes());
            }
            throw e instanceof IOException io ? io : new IOException("malformed XML: " + e.getMessage(), e);
        }
    }

    /** Stanzas the peer sent that were not messages from it. */
    long dropped() {
        return dropped.get();
    }

    private void checkHeader(XmlPullParser parser) throws IOException {
        if (!"stream".equals(parser.getName()) || !STREAMS_NAMESPACE.equals(parser.getNamespace())) {
            throw new IOException("expected <stream:stream xmlns:stream='" + STREAMS_NAMESPACE + "'>, got <"
                    + parser.getName() + "/>");
        }
        String from = parser.getAttributeValue("", "from");
        if (from != null && !from.equals(peer.toString())) {
            throw new IOException("the stream is from " + from + ", the session with " + peer);
        }
    }

    private void stanza(XmlPullParser parser, Consumer<Message> handler)
            throws XmlPullParserException, IOException, SmackParsingException {
        if (STREAM_ERROR.equals(parser.getName()) && STREAMS_NAMESPACE.equals(parser.getNamespace())) {
            StreamError error = PacketParserUtils.parseStreamError(parser);
            String text = error.getDescriptiveText();
            throw new IOException("the peer ended the stream with the error " + error.getCondition()
                    + (text == null ? "" : ": " + text));
        }
        if (!Message.ELEMENT.equals(parser.getName())) {
            ParserUtils.forwardToEndTagOfDepth(parser, parser.getDepth());
            dropped.incrementAndGet();
            return;
        }
        Message message = PacketParserUtils.parseMessage(parser, STANZAS);
        if (message.getFrom() != null && !message.getFrom().equals(peer)) {
            dropped.incrementAndGet();
            return;
        }
        handler.accept(message);
    }
}
