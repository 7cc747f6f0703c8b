package im.tandem.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.awaitility.core.ThrowingRunnable;

/**
 * "Nothing more happened" checked over a window rather than once after a sleep: the assertion is evaluated again
 * and again and must hold at every check for a whole window. What it counts only grows (emails, attempts), so an
 * extra one landing anywhere in the window fails the test, with the assertion's own message, instead of slipping
 * in just after a single check.
 */
public final class Holds {
    /** How often the assertion is checked within the window. */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
    /** Room after the window for a check that is slow (a query, an ad-hoc command round trip). */
    private static final Duration CHECK_ALLOWANCE = Duration.ofSeconds(5);

    private Holds() {
    }

    /** Returns once {@code assertion} has held at every check for {@code window}; fails if it has not. */
    public static void throughout(Duration window, ThrowingRunnable assertion) {
        await().during(window).atMost(window.plus(CHECK_ALLOWANCE)).pollInterval(CHECK_INTERVAL)
                .untilAsserted(assertion);
    }
}
