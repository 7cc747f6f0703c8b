package im.tandem.openfire.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import im.tandem.ice.stun.StunServerStatistics;
import im.tandem.openfire.advisory.AdminConsoleBypass;
import im.tandem.openfire.delivery.Delivery;
import im.tandem.openfire.delivery.DeliveryKind;
import im.tandem.openfire.delivery.DeliveryState;
import im.tandem.openfire.limits.CountryAllowList;
import im.tandem.openfire.notify.DeliveryChannel;

class AdminPageTest {
    private static final String ATTACK = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    @Test
    void everythingFromUsersDatabaseAndSettingsIsEscaped() {
        Delivery failed = new Delivery("id-" + ATTACK, "user" + ATTACK, DeliveryChannel.EMAIL, DeliveryKind.values()[0],
                DeliveryState.FAILED, Optional.empty(), Optional.empty(), Optional.empty(), 1, Instant.EPOCH, 5,
                Optional.of("550 " + ATTACK), Instant.EPOCH);
        AdminOverview overview = new AdminOverview(queue(), List.of(failed), Optional.empty(),
                Map.of("tandem.notify.email.from", ATTACK), Optional.empty());

        String html = AdminPage.render(overview, "token", Optional.of("done " + ATTACK));

        assertThat(html).doesNotContain("<script>").doesNotContain("<img").doesNotContain("onerror=alert(1)>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).contains("550 &lt;script&gt;").contains("done &lt;script&gt;");
    }

    @Test
    void aVulnerableOpenfireIsNamedAtTheTopOfThePage() {
        String warning = AdminConsoleBypass.warningFor(4, 2, 0).orElseThrow();
        String html = AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(), Map.of(),
                Optional.of(warning)), "t", Optional.empty());

        assertThat(html).contains("<p class=\"tandem-warning\"><strong>Openfire 4.2.0 has CVE-2023-32315");
        assertThat(html.indexOf("tandem-warning")).isLessThan(html.indexOf("<h2>"));
        assertThat(AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(), Map.of(),
                Optional.empty()), "t", Optional.empty())).doesNotContain("tandem-warning");
    }

    @Test
    void bothStateChangingFormsCarryTheCsrfTokenAndPost() {
        String html = AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(), Map.of(), Optional.empty()),
                "tok\"en", Optional.empty());

        assertThat(html.split("<form method=\"post\"", -1)).hasSize(3);
        assertThat(html.split("name=\"csrf\" value=\"tok&quot;en\"", -1)).hasSize(3);
        assertThat(html).contains("value=\"retry\"").contains("value=\"purge\"");
        assertThat(html).contains("<meta name=\"pageID\" content=\"" + AdminPage.PAGE_ID + "\"/>");
    }

    @Test
    void queueCountsAndStunCountersAreShown() {
        Map<DeliveryChannel, Map<DeliveryState, Long>> queue = queue();
        queue.get(DeliveryChannel.SMS).put(DeliveryState.FAILED, 7L);
        String html = AdminPage.render(new AdminOverview(queue, List.of(),
                Optional.of(new StunServerStatistics(10, 8, 1, 1)), Map.of(), Optional.empty()), "t", Optional.empty());

        assertThat(html).contains("<td>sms</td>").contains("<td>7</td>");
        assertThat(html).contains("<tr><td>requests</td><td>10</td></tr>").contains("<tr><td>answered</td><td>8</td></tr>");
        assertThat(AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(), Map.of(), Optional.empty()), "t",
                Optional.empty())).contains("Not running on this node.");
    }

    @Test
    void theSmsAllowListIsSpelledOutWithWhatEachCodeAdmits() {
        String html = AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(),
                Map.of(CountryAllowList.SMS_PROPERTY, "+1, +49, +4915"), Optional.empty()), "t", Optional.empty());

        assertThat(html).contains("<h2>SMS destinations</h2>")
                .contains("<li>+1: United States, Canada and other NANP countries (most of the Caribbean, US Pacific"
                        + " territories)</li>")
                .contains("<li>+49: Germany</li>")
                .contains("Left out of tandem.notify.sms.allowedPrefixes: &#39;+4915&#39; is not a whole country code");
        assertThat(AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(), Map.of(), Optional.empty()),
                "t", Optional.empty())).contains("None: no SMS (code or digest) is sent to any number.");
    }

    @Test
    void theFaxAllowListIsShownApartFromTheSmsOneAndTheQueueHasAFaxRow() {
        String html = AdminPage.render(new AdminOverview(queue(), List.of(), Optional.empty(),
                Map.of(CountryAllowList.FAX_PROPERTY, "+43, +4"), Optional.empty()), "t", Optional.empty());

        assertThat(html).contains("<h2>Fax destinations</h2>").contains("<li>+43: Austria</li>")
                .contains("Left out of tandem.notify.fax.allowedPrefixes: &#39;+4&#39; is no assigned country code")
                .contains("None: no SMS (code or digest) is sent to any number.")
                .contains("<tr><td>fax</td>").contains("<option value=\"fax\">fax</option>");
    }

    private static Map<DeliveryChannel, Map<DeliveryState, Long>> queue() {
        Map<DeliveryChannel, Map<DeliveryState, Long>> queue = new EnumMap<>(DeliveryChannel.class);
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
            for (DeliveryState state : DeliveryState.values()) {
                counts.put(state, 0L);
            }
            queue.put(channel, counts);
        }
        return queue;
    }
}
