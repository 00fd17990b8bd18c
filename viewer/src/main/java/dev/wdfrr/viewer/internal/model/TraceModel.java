package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.Names;
import dev.wdfrr.tracer.TraceHeader;

import java.nio.file.Path;

/**
 * A trace in memory: its events as columns, lanes with spans and marks, request-chain links
 * and latency samples. Built by a {@link ModelBuilder}; read by the timeline, the events table
 * and the charts. Not thread-safe: one thread at a time (see the package doc).
 */
public final class TraceModel {
    private final Path source;
    private final TraceHeader header;
    private final Names names;
    final EventColumns events = new EventColumns();
    final Lanes lanes = new Lanes();
    final Spans spans = new Spans(events);
    final Latency latency = new Latency();
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private boolean complete;
    private String truncationNote;

    /**
     * @param names the reader's names: they fill in as the trace is read and are looked up at
     *              display time, so a name defined after first use still shows
     */
    public TraceModel(Path source, TraceHeader header, Names names) {
        this.source = source;
        this.header = header;
        this.names = names;
    }

    void noteTime(long t) {
        firstTime = Math.min(firstTime, t);
        lastTime = Math.max(lastTime, t);
    }

    void finish(boolean complete, String truncationNote) {
        this.complete = complete;
        this.truncationNote = truncationNote;
    }

    public Path source() {
        return source;
    }

    public TraceHeader header() {
        return header;
    }

    public Names names() {
        return names;
    }

    public EventColumns events() {
        return events;
    }

    public Lanes lanes() {
        return lanes;
    }

    public Spans spans() {
        return spans;
    }

    public Latency latency() {
        return latency;
    }

    /** Time of the earliest event (0 for an empty trace). */
    public long firstTime() {
        return firstTime == Long.MAX_VALUE ? 0 : firstTime;
    }

    /** Time of the latest event: where open spans end. */
    public long lastTime() {
        return lastTime == Long.MIN_VALUE ? 0 : lastTime;
    }

    /** True once the trace's end mark has been read. */
    public boolean complete() {
        return complete;
    }

    /** "truncated after event N …" for a trace read to its end without an end mark, else null. */
    public String truncationNote() {
        return truncationNote;
    }

    /** The span on {@code lane} that contains event {@code row} (started at or before it, not ended before it), or -1. */
    public int spanContaining(Lane lane, int row) {
        int lo = 0;
        int hi = lane.spanCount();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (spans.startRow(lane.spanId(mid)) <= row) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return -1;
        }
        int id = lane.spanId(lo - 1);
        int end = spans.endRow(id);
        return end < 0 || end >= row ? id : -1;
    }

    /** The span that event {@code row} happened in, on its own thread's lane, or -1. */
    public int spanOfEvent(int row) {
        Lane lane = lanes.ofThread(events.thread(row));
        return lane == null ? -1 : spanContaining(lane, row);
    }

    /** The span on {@code lane} under time {@code t}, or within {@code tolerance} ns of it; -1 when none. */
    public int spanAt(Lane lane, double t, double tolerance) {
        int after = lane.firstStartingAtOrAfter(t);
        int best = -1;
        double bestGap = tolerance;
        if (after > 0) {
            int i = after - 1;
            long d = lane.duration(i);
            double end = d < 0 ? lastTime() : lane.start(i) + d;
            double gap = Math.max(0, t - end);
            if (gap <= bestGap) {
                best = lane.spanId(i);
                bestGap = gap;
            }
        }
        if (after < lane.spanCount() && lane.start(after) - t < bestGap) {
            best = lane.spanId(after);
        }
        return best;
    }

    /** Index among {@code lane}'s marks of {@code kind} of the first one at or after time {@code t}, searching from {@code from}. */
    public int firstMark(Lane lane, MarkKind kind, double t, int from) {
        IntChunks rows = lane.marks(kind);
        int lo = from;
        int hi = rows.size();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (events.time(rows.get(mid)) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public int eventCount() {
        return events.size();
    }

    /** Heap bytes the model's arrays take (an estimate that leaves out small objects). */
    public long allocatedBytes() {
        return events.allocatedBytes() + lanes.allocatedBytes() + spans.allocatedBytes() + latency.allocatedBytes();
    }
}
