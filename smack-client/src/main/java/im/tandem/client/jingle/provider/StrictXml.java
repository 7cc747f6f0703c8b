package im.tandem.client.jingle.provider;

import java.io.IOException;
import java.util.regex.Pattern;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reading helpers that refuse rather than guess: a missing attribute, a number with a sign or letters, text with
 * child elements inside, each becomes a {@link JingleParseException} that says exactly what was wrong. Shared
 * with the parsers of other Jingle applications (file transfer), so that all of them refuse alike.
 */
public final class StrictXml {
    /** Digits only, at most 18 so the value fits a long; ranges are the elements' business. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    private StrictXml() {
    }

    /** The attribute's value, or null when it is absent. */
    public static String optional(XmlPullParser parser, String name) {
        return parser.getAttributeValue("", name);
    }

    public static String required(XmlPullParser parser, String element, String name) throws JingleParseException {
        String value = optional(parser, name);
        if (value == null || value.isEmpty()) {
            throw new JingleParseException("<" + element + "/> attribute '" + name + "' is missing");
        }
        return value;
    }

    /** A non-negative decimal attribute value. */
    public static long number(String value, String element, String name) throws JingleParseException {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw new JingleParseException("<" + element + "/> attribute '" + name
                    + "' must be a non-negative decimal number, got '" + value + "'");
        }
        return Long.parseLong(value);
    }

    /**
     * Moves to the next child element of the element at {@code depth}, skipping text. Returns false, leaving the
     * parser on the element's end tag, when there are no more children.
     */
    public static boolean nextChild(XmlPullParser parser, int depth, String element)
            throws XmlPullParserException, IOException, JingleParseException {
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.START_ELEMENT) {
                return true;
            }
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
                return false;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new JingleParseException("the input ended inside <" + element + "/>");
            }
        }
    }

    /** Reads an element that may hold text only, leaving the parser on its end tag. */
    public static String text(XmlPullParser parser, int initialDepth, String element)
            throws XmlPullParserException, IOException, JingleParseException {
        StringBuilder text = new StringBuilder();
        while (true) {
            XmlPullParser.Event event = parser.next();
            switch (event) {
                case TEXT_CHARACTERS, ENTITY_REFERENCE -> text.append(parser.getText());
                case START_ELEMENT -> throw new JingleParseException("<" + element + "/> may contain text only, found <"
                        + parser.getName() + "/>");
                case END_ELEMENT -> {
                    if (parser.getDepth() == initialDepth) {
                        return text.toString();
                    }
                }
                case END_DOCUMENT -> throw new JingleParseException("the input ended inside <" + element + "/>");
                default -> {
                    // Comments, processing instructions and ignorable whitespace carry nothing.
                }
            }
        }
    }

    /** Checks that an element is empty (whitespace aside), leaving the parser on its end tag. */
    public static void requireEmpty(XmlPullParser parser, int initialDepth, String element)
            throws XmlPullParserException, IOException, JingleParseException {
        if (!text(parser, initialDepth, element).isBlank()) {
            throw new JingleParseException("<" + element + "/> must be empty");
        }
    }

    /** Skips the element the parser is on, with everything inside it. */
    public static void skip(XmlPullParser parser) throws XmlPullParserException, IOException {
        int depth = parser.getDepth();
        XmlPullParser.Event event;
        do {
            event = parser.next();
        } while (!(event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)
                && event != XmlPullParser.Event.END_DOCUMENT);
    }
}
