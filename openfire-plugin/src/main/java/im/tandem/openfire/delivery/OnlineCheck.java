package im.tandem.openfire.delivery;

/** Whether a user has an available resource right now, on any server of the cluster. */
@FunctionalInterface
public interface OnlineCheck {
    boolean isOnline(String username);

    /**
     * Whether one of the user's available resources is not away (no show, or "chat"): someone is at a device.
     * Without a way to tell, every online user counts as present.
     */
    default boolean isPresent(String username) {
        return isOnline(username);
    }
}
