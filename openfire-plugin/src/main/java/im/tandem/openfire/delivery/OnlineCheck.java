package im.tandem.openfire.delivery;

/** Whether a user has an available resource right now, on any server of the cluster. */
@FunctionalInterface
public interface OnlineCheck {
    boolean isOnline(String username);
}
