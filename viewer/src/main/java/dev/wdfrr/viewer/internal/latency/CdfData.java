package dev.wdfrr.viewer.internal.latency;

import dev.wdfrr.viewer.internal.model.LatencySamples;

/**
 * The cumulative distribution of a stage's samples as at most a given number of points
 * {@code (latency, fraction of samples ≤ latency)}: exact ranks from the sorted samples, evenly
 * spaced in rank, always including the minimum and the maximum.
 */
public record CdfData(long[] latencies, double[] fractions) {
    public static CdfData of(LatencySamples samples, int maxPoints) {
        long[] sorted = samples.sortedDurations();
        int n = sorted.length;
        int points = Math.min(n, Math.max(2, maxPoints));
        long[] x = new long[points];
        double[] y = new double[points];
        for (int k = 0; k < points; k++) {
            int rank = points == n ? k + 1 : (int) Math.max(1, Math.round((k + 1) * (double) n / points));
            x[k] = sorted[rank - 1];
            y[k] = rank / (double) n;
        }
        return new CdfData(x, y);
    }

    public int size() {
        return latencies.length;
    }
}
