package dev.wdfrr.viewer.internal.latency;

import java.util.Locale;

/**
 * Logarithmic latency buckets with round edges: ten per decade at 1, 1.2, 1.5, 2, 2.5, 3, 4, 5,
 * 6, 8 × 10^k ns (steps of 20–33%), and one bucket for 0 ns (deterministic runs have zero
 * latencies) just below 1 ns. Bucket {@code i} covers {@code [lower(i), upper(i))}.
 *
 * <p>Charts plot latencies at a <em>position</em>: the bucket index plus the fraction of the
 * way through the bucket. That is a log scale that can show 0, and position {@code 10·(k+1)}
 * is exactly 10^k ns, so decade ticks land on round numbers.
 */
public final class LogBuckets {
    private static final int[] EDGES = {10, 12, 15, 20, 25, 30, 40, 50, 60, 80};
    static final int PER_DECADE = EDGES.length;
    /** The bucket of 0 ns, and of anything below 1 ns. */
    public static final int ZERO = PER_DECADE - 1;
    /** Decades above 1 ns covered: up to 10^18 ns. */
    private static final int DECADES = 18;
    private static final long[] POW10 = new long[DECADES + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i <= DECADES; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private LogBuckets() {
    }

    /** The bucket of {@code nanos}. */
    public static int index(long nanos) {
        if (nanos < 1) {
            return ZERO;
        }
        int e = 0;
        while (e < DECADES && nanos >= POW10[e + 1]) {
            e++;
        }
        long m = e == 0 ? nanos * 10 : nanos / POW10[e - 1]; // the leading two digits, 10..99
        int d = EDGES.length - 1;
        while (EDGES[d] > m) {
            d--;
        }
        return PER_DECADE * (e + 1) + d;
    }

    public static double lower(int index) {
        if (index <= ZERO) {
            return 0;
        }
        int e = index / PER_DECADE - 1;
        return EDGES[index % PER_DECADE] * Math.pow(10, e) / 10; // exact: powers of ten are exact doubles up to 1e22
    }

    public static double upper(int index) {
        return index <= ZERO ? 1 : lower(index + 1);
    }

    /** Where {@code nanos} is plotted: its bucket index plus the fraction through the bucket. */
    public static double position(double nanos) {
        if (nanos < 1) {
            return ZERO + Math.max(0, nanos);
        }
        int i = index((long) Math.floor(nanos));
        return i + (nanos - lower(i)) / (upper(i) - lower(i));
    }

    /** The latency plotted at {@code position}. */
    public static double valueAt(double position) {
        int i = (int) Math.floor(position);
        if (i < ZERO) {
            return 0;
        }
        double f = position - i;
        return lower(i) + f * (upper(i) - lower(i));
    }

    /** A bucket as text: {@code 1.5µs–2µs}, or {@code 0ns}. */
    public static String label(int index) {
        return index <= ZERO ? "0ns" : shortDuration(lower(index)) + "–" + shortDuration(upper(index));
    }

    /** A round duration without trailing zeros: {@code 1ns}, {@code 250ns}, {@code 1.5µs}, {@code 3ms}. */
    public static String shortDuration(double nanos) {
        String[] units = {"ns", "µs", "ms", "s"};
        int u = 0;
        double v = nanos;
        while (u < units.length - 1 && Math.abs(v) >= 1000) {
            v /= 1000;
            u++;
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s + units[u];
    }
}
