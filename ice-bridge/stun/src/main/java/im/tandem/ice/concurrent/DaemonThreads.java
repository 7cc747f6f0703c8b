package im.tandem.ice.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread factories for background work: daemon threads, so that none keeps a program from exiting, named after the
 * feature they serve, so that a thread dump says whose they are.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Threads named {@code name-1}, {@code name-2}, ... in the order they are made. */
    public static ThreadFactory numbered(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> daemon(runnable, name + "-" + count.incrementAndGet());
    }

    /** Threads all named {@code name}: for an executor that only ever has one. */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
