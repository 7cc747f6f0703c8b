package im.tandem.openfire.delivery;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import im.tandem.openfire.limits.LimitConfig;
import im.tandem.openfire.limits.RateLimiter;
import im.tandem.openfire.notify.DeliveryChannel;

/**
 * Tells a user that a limit held back what would have reached them by a channel, at most once a day per
 * channel: a flood of messages past a cap would otherwise bring a notice for each. The day is counted in the
 * database, so the servers of a cluster share it.
 */
public final class CapNotices {
    private final UserNotices notices;
    private final RateLimiter limiter;

    public CapNotices(UserNotices notices, RateLimiter limiter) {
        this.notices = notices;
        this.limiter = limiter;
    }

    /** Tells the user unless they were told about this channel in the last 24 hours. */
    public void tell(String username, DeliveryChannel channel, String text, Instant now) throws SQLException {
        RateLimiter.Limit daily = new RateLimiter.Limit("cap-notice:" + channel.id() + ":" + username, 1,
                LimitConfig.DAY, "notices about " + channel.id() + " limits");
        if (limiter.tryAcquire(List.of(daily), now).isEmpty()) {
            notices.tell(username, text + " (At most one such notice a day for " + channel.id() + ".)");
        }
    }
}
