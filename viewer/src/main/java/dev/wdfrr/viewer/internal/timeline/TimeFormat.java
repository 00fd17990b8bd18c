package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.runtime.Durations;

import java.util.Locale;

/** Times and durations for people: ruler steps of 1, 2 or 5 × 10^k ns, labels in ns, µs, ms or s. */
public final class TimeFormat {
    private static final String[] UNITS = {"ns", "µs", "ms", "s"};

    private TimeFormat() {
    }

    /** The smallest 1, 2 or 5 × 10^k that is at least {@code raw} (ns, at least 1). */
    public static double niceStep(double raw) {
        double r = Math.max(1, raw);
        double magnitude = Math.pow(10, Math.floor(Math.log10(r)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * magnitude >= r * (1 - 1e-9)) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static int unitIndex(double ns) {
        double a = Math.abs(ns);
        return a < 1e3 ? 0 : a < 1e6 ? 1 : a < 1e9 ? 2 : 3;
    }

    /**
     * A ruler label for time {@code t}: in the step's unit, or a larger one when labels up to
     * {@code magnitude} would need five digits or more; with as many decimals as the step needs.
     */
    public static String tick(double t, double step, double magnitude) {
        int u = unitIndex(step);
        while (u < UNITS.length - 1 && Math.abs(magnitude) / Math.pow(1000, u) >= 10_000) {
            u++;
        }
        double scale = Math.pow(1000, u);
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step / scale) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f%s", t / scale, UNITS[u]);
    }

    /**
     * A duration with three significant digits, exactly as the command line writes it but in µs:
     * {@code 500ns}, {@code 2.00µs}, {@code 12.3ms} (one trace shows one duration everywhere).
     */
    public static String duration(double ns) {
        long n = Math.round(ns);
        return n < 0 ? "-" + duration(-n) : Durations.format(n).replace("us", "µs");
    }

    /** A point in trace time, in µs with ns precision, as the events table shows it. */
    public static String micros(long ns) {
        return String.format(Locale.ROOT, "%.3fµs", ns / 1000.0);
    }
}
