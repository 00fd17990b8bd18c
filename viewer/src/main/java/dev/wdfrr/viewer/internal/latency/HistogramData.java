package dev.wdfrr.viewer.internal.latency;

import dev.wdfrr.viewer.internal.model.LatencySamples;

import java.util.Arrays;

/** Sample counts per {@link LogBuckets} bucket. */
public final class HistogramData {
    private final long[] counts;

    private HistogramData(long[] counts) {
        this.counts = counts;
    }

    public static HistogramData of(LatencySamples samples) {
        long[] counts = new long[LogBuckets.ZERO + 1];
        for (int i = 0; i < samples.count(); i++) {
            int b = LogBuckets.index(samples.duration(i));
            if (b >= counts.length) {
                counts = Arrays.copyOf(counts, b + 1);
            }
            counts[b]++;
        }
        return new HistogramData(counts);
    }

    /** Samples in bucket {@code index}. */
    public long count(int index) {
        return index < counts.length ? counts[index] : 0;
    }

    /** One past the highest bucket index that may be non-empty. */
    public int buckets() {
        return counts.length;
    }

    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }
}
