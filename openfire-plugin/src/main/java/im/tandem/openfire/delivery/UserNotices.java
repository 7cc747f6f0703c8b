package im.tandem.openfire.delivery;

/**
 * Tells a user, over XMPP, about something the plugin did not do for them (a cap reached, a destination
 * no longer allowed), so that no limit is ever silent.
 */
@FunctionalInterface
public interface UserNotices {
    void tell(String username, String text);
}
