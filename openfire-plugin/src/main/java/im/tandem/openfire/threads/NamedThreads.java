package im.tandem.openfire.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/** Daemon threads named after the plugin's feature, so a thread dump shows whose they are. */
public final class NamedThreads {
    private NamedThreads() {
    }

    public static ThreadFactory daemon(String name) {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
