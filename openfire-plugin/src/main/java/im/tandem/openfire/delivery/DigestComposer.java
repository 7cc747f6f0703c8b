package im.tandem.openfire.delivery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import im.tandem.openfire.pdf.FaxPage;

/**
 * Turns the messages of a digest into an email (plain text and HTML), one SMS or a fax page: who wrote, how many,
 * and the first line of the first few. Times are shown in the user's time zone.
 */
public final class DigestComposer {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String ELLIPSIS = "...";

    private DigestComposer() {
    }

    /** An email's parts. */
    public record EmailText(String subject, String text, String html) {
    }

    /**
     * @param account the user's JID, for the greeting
     * @param total   how many messages the digest holds; {@code shown} may be fewer
     */
    public static EmailText email(String account, int total, List<DigestItem> shown, ZoneId zone) {
        Map<String, List<DigestItem>> bySender = bySender(shown);
        String subject = count(total) + " for " + account + " while you were away";
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body>\n<p>")
                .append(escape(count(total))).append(" arrived for ").append(escape(account))
                .append(" while you were away:</p>\n");
        text.append(count(total)).append(" arrived for ").append(account).append(" while you were away:\n\n");
        bySender.forEach((sender, items) -> {
            text.append(sender).append('\n');
            html.append("<h3>").append(escape(sender)).append("</h3>\n<ul>\n");
            for (DigestItem item : items) {
                String time = TIME.format(item.sentAt().atZone(zone));
                text.append("  ").append(time).append("  ").append(item.excerpt()).append('\n');
                html.append("<li>").append(time).append(" &ndash; ").append(escape(item.excerpt())).append("</li>\n");
            }
            html.append("</ul>\n");
        });
        int hidden = total - shown.size();
        if (hidden > 0) {
            text.append("\n...and ").append(count(hidden)).append(" more.\n");
            html.append("<p>&hellip;and ").append(escape(count(hidden))).append(" more.</p>\n");
        }
        String footer = "Log in to read and answer them. You get this email because you turned on delivery by email;"
                + " the notify commands of your XMPP client switch it off.";
        text.append('\n').append(footer).append('\n');
        html.append("<p>").append(escape(footer)).append("</p>\n</body></html>\n");
        return new EmailText(subject, text.toString(), html.toString());
    }

    /** One SMS of at most {@code maxChars}: the count, then each sender with their first message. */
    public static String sms(int total, List<DigestItem> shown, int maxChars) {
        StringBuilder text = new StringBuilder("Tandem: ").append(count(total)).append('.');
        bySender(shown).forEach((sender, items) -> text.append(' ').append(sender).append(": ")
                .append(items.get(0).excerpt()).append(items.size() > 1 ? " (+" + (items.size() - 1) + ")" : "")
                .append(';'));
        String sms = text.charAt(text.length() - 1) == ';' ? text.substring(0, text.length() - 1) : text.toString();
        return sms.length() <= maxChars ? sms : sms.substring(0, maxChars - ELLIPSIS.length()) + ELLIPSIS;
    }

    /**
     * A fax page: the server, the recipient and who wrote at the top, then each sender with their messages.
     *
     * @param server  the XMPP domain, so that the reader knows where to log in
     * @param account the user's JID
     */
    public static FaxPage fax(String server, String account, int total, List<DigestItem> shown, ZoneId zone) {
        Map<String, List<DigestItem>> bySender = bySender(shown);
        List<FaxPage.Block> blocks = new ArrayList<>();
        bySender.forEach((sender, items) -> blocks.add(new FaxPage.Block(sender + " (" + count(items.size()) + ")",
                items.stream().map(item -> TIME.format(item.sentAt().atZone(zone)) + "  " + item.excerpt()).toList())));
        int hidden = total - shown.size();
        if (hidden > 0) {
            blocks.add(new FaxPage.Block("...and " + count(hidden) + " more.", List.of()));
        }
        return new FaxPage("Tandem: messages while you were away", count(total),
                List.of(new FaxPage.Field("Server", server), new FaxPage.Field("To", account),
                        new FaxPage.Field("From", String.join(", ", bySender.keySet())),
                        new FaxPage.Field("Times", zone.getId())),
                blocks, "Log in to read and answer them. You get this fax because you turned on delivery by fax;"
                        + " the notify commands of your XMPP client switch it off.");
    }

    /** The first line of a message body, cut to {@code maxChars}. */
    public static String excerpt(String body, int maxChars) {
        String firstLine = body.strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= maxChars ? firstLine
                : firstLine.substring(0, maxChars - ELLIPSIS.length()) + ELLIPSIS;
    }

    private static Map<String, List<DigestItem>> bySender(List<DigestItem> items) {
        Map<String, List<DigestItem>> bySender = new LinkedHashMap<>();
        for (DigestItem item : items) {
            bySender.computeIfAbsent(item.sender(), sender -> new ArrayList<>()).add(item);
        }
        return bySender;
    }

    private static String count(int messages) {
        return messages == 1 ? "1 new message" : messages + " new messages";
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
