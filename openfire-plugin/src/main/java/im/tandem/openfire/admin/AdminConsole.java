package im.tandem.openfire.admin;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import im.tandem.ice.stun.StunServerStatistics;
import im.tandem.openfire.config.MaskedSettings;
import im.tandem.openfire.delivery.DeliveryStore;
import im.tandem.openfire.notify.DeliveryChannel;

/**
 * What the admin page reads and does, handed over by the plugin while it is loaded. Openfire creates the
 * page's servlet itself, from the plugin's web.xml, so the servlet finds the plugin's parts here.
 */
public final class AdminConsole {
    /** The newest failures shown; older ones stay in the database and count in the table above. */
    static final int RECENT_FAILURES = 20;

    private static volatile AdminConsole installed;

    private final DeliveryStore deliveries;
    private final Supplier<Optional<StunServerStatistics>> stun;
    private final Optional<String> serverWarning;

    private AdminConsole(DeliveryStore deliveries, Supplier<Optional<StunServerStatistics>> stun,
                         Optional<String> serverWarning) {
        this.deliveries = deliveries;
        this.stun = stun;
        this.serverWarning = serverWarning;
    }

    /** {@code serverWarning}: a known vulnerability of the Openfire the plugin runs on, shown atop the page. */
    public static void install(DeliveryStore deliveries, Supplier<Optional<StunServerStatistics>> stun,
                               Optional<String> serverWarning) {
        installed = new AdminConsole(deliveries, stun, serverWarning);
    }

    public static void uninstall() {
        installed = null;
    }

    /** The installed console; empty while the plugin is not loaded. */
    static Optional<AdminConsole> current() {
        return Optional.ofNullable(installed);
    }

    AdminOverview overview() throws SQLException {
        return new AdminOverview(deliveries.counts(), deliveries.recentFailures(RECENT_FAILURES), stun.get(),
                MaskedSettings.current(), serverWarning);
    }

    /** Runs one of the page's actions; returns what to tell the admin. */
    String perform(String action, Optional<DeliveryChannel> channel, java.time.Instant now) throws SQLException {
        String which = channel.map(c -> c.id() + " ").orElse("");
        return switch (action) {
            case AdminPage.ACTION_RETRY -> "Retrying " + deliveries.retryFailed(channel, now) + " failed " + which
                    + "deliveries.";
            case AdminPage.ACTION_PURGE -> "Purged " + deliveries.purgeFailed(channel) + " failed " + which
                    + "deliveries.";
            default -> throw new IllegalArgumentException("unknown action '" + action + "'");
        };
    }
}
