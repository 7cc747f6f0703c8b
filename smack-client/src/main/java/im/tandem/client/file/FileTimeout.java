package im.tandem.client.file;

import java.time.Duration;

import im.tandem.ice.net.Scheduler;

/**
 * The timeout of one part of a file session: at most one is armed, arming again replaces it, and one disarmed or
 * replaced before its time does nothing when that time comes. The task runs under the session's lock, and not
 * once the session has ended. Guarded by the session.
 */
final class FileTimeout {
    private final FileSession session;
    private final Scheduler scheduler;
    /** The armed timeout's token; a firing timeout that does not find its own here was disarmed or replaced. */
    private Object armed;

    FileTimeout(FileSession session, Scheduler scheduler) {
        this.session = session;
        this.scheduler = scheduler;
    }

    void arm(Duration delay, Runnable task) {
        Object token = new Object();
        armed = token;
        scheduler.schedule(delay, () -> {
            synchronized (session) {
                if (armed == token && !session.ended()) {
                    armed = null;
                    task.run();
                }
            }
        });
    }

    void disarm() {
        armed = null;
    }
}
