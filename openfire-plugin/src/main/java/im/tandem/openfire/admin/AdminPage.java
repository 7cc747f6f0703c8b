package im.tandem.openfire.admin;

import java.util.Map;
import java.util.Optional;

import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryState;
import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.notify.DeliveryChannel;

/**
 * The "Tandem" admin console page as HTML. Every value that comes from users, the database or settings is
 * escaped; the two state-changing forms carry the session's CSRF token.
 */
final class AdminPage {
    /** The admin console highlights the sidebar entry whose id the page names. */
    static final String PAGE_ID = "tandem-overview";
    static final String ACTION_RETRY = "retry";
    static final String ACTION_PURGE = "purge";
    static final String CSRF_FIELD = "csrf";

    private AdminPage() {
    }

    static String render(AdminOverview overview, String csrfToken, Optional<String> notice) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<html><head><title>Tandem</title><meta name=\"pageID\" content=\"").append(PAGE_ID)
                .append("\"/></head><body>\n");
        overview.serverWarning().ifPresent(text -> html.append("<p class=\"tandem-warning\"><strong>")
                .append(Html.escape(text)).append("</strong></p>\n"));
        notice.ifPresent(text -> html.append("<p class=\"tandem-notice\">").append(Html.escape(text)).append("</p>\n"));
        queue(html, overview.queue());
        failures(html, overview, csrfToken);
        stun(html, overview);
        settings(html, overview.settings());
        destinations(html, "SMS", CountryAllowList.SMS_PROPERTY, overview.settings());
        destinations(html, "Fax", CountryAllowList.FAX_PROPERTY, overview.settings());
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void queue(StringBuilder html, Map<DeliveryChannel, Map<DeliveryState, Long>> queue) {
        html.append("<h2>Offline delivery queue</h2>\n<table class=\"jive-table\"><thead><tr><th>channel</th>");
        for (DeliveryState state : DeliveryState.values()) {
            html.append("<th>").append(Html.escape(state.id())).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        queue.forEach((channel, counts) -> {
            html.append("<tr><td>").append(Html.escape(channel.id())).append("</td>");
            for (DeliveryState state : DeliveryState.values()) {
                html.append("<td>").append(counts.getOrDefault(state, 0L)).append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("</tbody></table>\n");
    }

    private static void failures(StringBuilder html, AdminOverview overview, String csrfToken) {
        html.append("<h2>Recent failures</h2>\n");
        if (overview.recentFailures().isEmpty()) {
            html.append("<p>No failed deliveries.</p>\n");
        } else {
            html.append("<table class=\"jive-table\"><thead><tr><th>delivery</th><th>user</th><th>channel</th>"
                    + "<th>attempts</th><th>reason</th></tr></thead><tbody>\n");
            for (Delivery failed : overview.recentFailures()) {
                html.append("<tr><td>").append(Html.escape(failed.id()))
                        .append("</td><td>").append(Html.escape(failed.username()))
                        .append("</td><td>").append(Html.escape(failed.channel().id()))
                        .append("</td><td>").append(failed.attempts())
                        .append("</td><td>").append(Html.escape(failed.lastError().orElse("")))
                        .append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        for (String action : new String[] {ACTION_RETRY, ACTION_PURGE}) {
            html.append("<form method=\"post\" style=\"display:inline\"><input type=\"hidden\" name=\"")
                    .append(CSRF_FIELD).append("\" value=\"").append(Html.escape(csrfToken))
                    .append("\"/><input type=\"hidden\" name=\"action\" value=\"").append(action)
                    .append("\"/><select name=\"channel\"><option value=\"\">all channels</option>");
            for (DeliveryChannel channel : DeliveryChannel.values()) {
                html.append("<option value=\"").append(Html.escape(channel.id())).append("\">")
                        .append(Html.escape(channel.id())).append("</option>");
            }
            html.append("</select> <input type=\"submit\" value=\"")
                    .append(action.equals(ACTION_RETRY) ? "Retry failed" : "Purge failed").append("\"/></form>\n");
        }
    }

    private static void stun(StringBuilder html, AdminOverview overview) {
        html.append("<h2>STUN server</h2>\n");
        overview.stun().ifPresentOrElse(stun -> html.append("<table class=\"jive-table\"><tbody>")
                .append("<tr><td>requests</td><td>").append(stun.requests()).append("</td></tr>")
                .append("<tr><td>answered</td><td>").append(stun.answered()).append("</td></tr>")
                .append("<tr><td>malformed (dropped)</td><td>").append(stun.malformed()).append("</td></tr>")
                .append("<tr><td>rate-limited (dropped)</td><td>").append(stun.rateLimited()).append("</td></tr>")
                .append("</tbody></table>\n"),
                () -> html.append("<p>Not running on this node.</p>\n"));
    }

    /**
     * What an allow-list (SMS or fax) admits, spelled out: "+1" is a whole region, which the admin should see.
     *
     * @param what "SMS" or "Fax", as the page's heading names the channel
     */
    private static void destinations(StringBuilder html, String what, String property, Map<String, String> settings) {
        CountryAllowList.Parsed allowed = CountryAllowList.parse(settings.getOrDefault(property, ""));
        html.append("<h2>").append(what).append(" destinations</h2>\n");
        if (allowed.list().admits().isEmpty()) {
            html.append("<p>None: no ").append(what).append(" (code or digest) is sent to any number.</p>\n");
        } else {
            html.append("<p>").append(what)
                    .append(" (codes and digests) may go to numbers with these country codes:</p>\n<ul>\n");
            allowed.list().admits().forEach(code -> html.append("<li>").append(Html.escape(code)).append("</li>\n"));
            html.append("</ul>\n");
        }
        allowed.rejected().forEach(problem -> html.append("<p class=\"tandem-warning\">Left out of ")
                .append(property).append(": ").append(Html.escape(problem)).append("</p>\n"));
    }

    private static void settings(StringBuilder html, Map<String, String> settings) {
        html.append("<h2>Settings</h2>\n<p>System properties set for Tandem; all others have their defaults.</p>\n")
                .append("<table class=\"jive-table\"><tbody>\n");
        settings.forEach((name, value) -> html.append("<tr><td>").append(Html.escape(name)).append("</td><td>")
                .append(Html.escape(value)).append("</td></tr>\n"));
        html.append("</tbody></table>\n");
    }
}
