package dev.wdfrr.tracer;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in nanoseconds, from an HdrHistogram with 3 significant digits: each
 * percentile is the lowest value of its histogram bucket, so within 0.1% below the true value;
 * the maximum is exact.
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {
    /** Significant digits the histograms keep. */
    public static final int PRECISION_DIGITS = 3;

    /** Percentiles of {@code h}, with its exact maximum. */
    public static Percentiles of(Histogram h, long exactMax) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), at(h, 50), at(h, 90), at(h, 99), at(h, 99.9), exactMax);
    }

    private static long at(Histogram h, double percentile) {
        return h.lowestEquivalentValue(h.getValueAtPercentile(percentile));
    }
}
