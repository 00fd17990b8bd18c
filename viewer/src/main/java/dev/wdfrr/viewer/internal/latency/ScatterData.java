package dev.wdfrr.viewer.internal.latency;

import dev.wdfrr.viewer.internal.model.LatencySamples;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.util.Arrays;

/**
 * Latency over time, decimated for plotting: the samples fall into a grid of cells (time ×
 * latency position) and each non-empty cell keeps its first sample. The plot looks the same as
 * with every sample, has at most {@code xCells × yCells} points whatever the trace's size, and
 * every point is a real sample that a click can select.
 *
 * @param times     x: sample end time (ns)
 * @param latencies y: sample latency (ns)
 * @param samples   index of each point's sample in its {@link LatencySamples}
 */
public record ScatterData(long[] times, long[] latencies, int[] samples) {
    public static ScatterData of(TraceModel model, LatencySamples s, int xCells, int yCells) {
        double t0 = model.firstTime();
        double tw = Math.max(1, model.lastTime() - t0);
        double maxPos = LogBuckets.position(s.count() == 0 ? 1 : s.percentiles().max()) + 1;
        boolean[] taken = new boolean[xCells * yCells];
        int[] picked = new int[Math.min(s.count(), taken.length)];
        int n = 0;
        for (int i = 0; i < s.count() && n < picked.length; i++) {
            long t = model.events().time(s.endRow(i));
            int cx = (int) Math.min(xCells - 1, Math.max(0, (t - t0) / tw * xCells));
            int cy = (int) Math.min(yCells - 1, LogBuckets.position(s.duration(i)) / maxPos * yCells);
            int cell = cy * xCells + cx;
            if (!taken[cell]) {
                taken[cell] = true;
                picked[n++] = i;
            }
        }
        long[] times = new long[n];
        long[] latencies = new long[n];
        int[] samples = Arrays.copyOf(picked, n);
        for (int k = 0; k < n; k++) {
            times[k] = model.events().time(s.endRow(samples[k]));
            latencies[k] = s.duration(samples[k]);
        }
        return new ScatterData(times, latencies, samples);
    }

    public int size() {
        return samples.length;
    }
}
