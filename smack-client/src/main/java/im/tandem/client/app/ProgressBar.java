package im.tandem.client.app;

import java.util.Locale;

/** The terminal's progress line for a transfer: {@code [#######.......]  50%  2.4 MB/s  name}. */
final class ProgressBar {
    /** Cells of the bar: fine enough to move visibly, short enough for an 80-column terminal with the name. */
    static final int CELLS = 30;
    private static final double KILO = 1000;

    private ProgressBar() {
    }

    static String render(int percent, long bytesPerSecond, String label) {
        int clamped = Math.max(0, Math.min(100, percent));
        int filled = clamped * CELLS / 100;
        return "[" + "#".repeat(filled) + ".".repeat(CELLS - filled) + "] " + String.format(Locale.ROOT, "%3d%%",
                clamped) + "  " + speed(bytesPerSecond) + "  " + label;
    }

    /** Bytes per second in decimal units, as network speeds are usually given. */
    static String speed(long bytesPerSecond) {
        String[] units = {"B/s", "kB/s", "MB/s", "GB/s"};
        double value = bytesPerSecond;
        int unit = 0;
        while (value >= KILO && unit < units.length - 1) {
            value /= KILO;
            unit++;
        }
        return unit == 0 ? bytesPerSecond + " " + units[0] : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
