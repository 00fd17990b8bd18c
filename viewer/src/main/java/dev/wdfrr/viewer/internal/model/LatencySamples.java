package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.Percentiles;
import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * The latency samples of one {@link LatencyStage}: per sample its duration and the row of the
 * event that completed it (12 bytes), plus the same HdrHistogram {@code wdfrr stats} keeps, so
 * the percentiles shown are the ones the command prints.
 */
public final class LatencySamples {
    private final LatencyStage stage;
    private final LongChunks duration = new LongChunks();
    private final IntChunks endRow = new IntChunks();
    private final Histogram histogram = new Histogram(Percentiles.PRECISION_DIGITS);
    private long max;
    private long unmatched;
    private long[] sorted;

    LatencySamples(LatencyStage stage) {
        this.stage = stage;
    }

    void add(long nanos, int row) {
        if (nanos < 0) {
            return; // as stats does: a clock that went backwards is no sample
        }
        duration.add(nanos);
        endRow.add(row);
        histogram.recordValue(nanos);
        max = Math.max(max, nanos);
    }

    void unmatched(long n) {
        unmatched = n;
    }

    public LatencyStage stage() {
        return stage;
    }

    public int count() {
        return duration.size();
    }

    public long duration(int i) {
        return duration.get(i);
    }

    /** Row of the event that ended sample {@code i}: a DPC or callback start, or an ISR, DPC or callback end. */
    public int endRow(int i) {
        return endRow.get(i);
    }

    /** p50/p90/p99/p99.9 (HdrHistogram, 3 digits) and the exact maximum, as {@code wdfrr stats} reports them. */
    public Percentiles percentiles() {
        return Percentiles.of(histogram, max);
    }

    /** Starts whose end is not (yet) in the trace. */
    public long unmatched() {
        return unmatched;
    }

    /** The durations sorted ascending (cached until a sample is added); do not modify. */
    public long[] sortedDurations() {
        if (sorted == null || sorted.length != count()) {
            sorted = duration.toArray();
            Arrays.sort(sorted);
        }
        return sorted;
    }

    long allocatedBytes() {
        return duration.allocatedBytes() + endRow.allocatedBytes() + histogram.getEstimatedFootprintInBytes();
    }
}
