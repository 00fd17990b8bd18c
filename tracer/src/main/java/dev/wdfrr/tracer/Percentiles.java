package dev.wdfrr.tracer;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in nanoseconds, from an HdrHistogram with 3 significant digits: each
 * value is exact to within 0.1%.
 */
public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {
    /** Significant digits the histograms keep. */
    public static final int PRECISION_DIGITS = 3;

    static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
