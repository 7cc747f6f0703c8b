package im.tandem.openfire.testing;

import java.util.HashSet;
import java.util.Set;

import im.tandem.openfire.delivery.OnlineCheck;

/** Who is online, and which of them is at a device (not away), as a test sets it. */
public final class TestSessions implements OnlineCheck {
    private final Set<String> online = new HashSet<>();
    private final Set<String> present = new HashSet<>();

    /** Users with an available resource; add to it and remove from it. */
    public Set<String> online() {
        return online;
    }

    /** Online users with a resource that is not away; add to it and remove from it. */
    public Set<String> present() {
        return present;
    }

    @Override
    public boolean isOnline(String username) {
        return online.contains(username);
    }

    @Override
    public boolean isPresent(String username) {
        return present.contains(username);
    }
}
