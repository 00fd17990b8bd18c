package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
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
    final StepIndex steps = new StepIndex();
    final Causes causes = new Causes();
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private boolean complete;
    private String truncationNote;
    private int failureRow = -1;
    private int firstViolationRow = -1;
    private long outcomeId = -1;

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

    /** Notes the run's first failure event, first violation and its end (tracking order). */
    void noteOutcome(EventType type, int row, long arg) {
        if (type == EventType.FAILURE && failureRow < 0) {
            failureRow = row;
        } else if (type == EventType.VIOLATION && firstViolationRow < 0) {
            firstViolationRow = row;
        } else if (type == EventType.RUN_END) {
            outcomeId = arg;
        }
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

    /** Rows as steps: the step axis's columns. */
    public StepIndex steps() {
        return steps;
    }

    /** Lock and data edges between threads (request edges are the spans' causes). */
    public Causes causes() {
        return causes;
    }

    /** Where event {@code row} lies along {@code axis}: its time, or the middle of its step's column. */
    public double position(Axis axis, int row) {
        return axis == Axis.TIME ? events.time(row) : steps.step(row) + 0.5;
    }

    /** Where span {@code id} starts along {@code axis}: its start time, or its first step's column. */
    public double spanStart(Axis axis, int id) {
        return axis == Axis.TIME ? spans.startTime(id) : steps.step(spans.startRow(id));
    }

    /** Where span {@code id} ends along {@code axis}: after its end event's column; an open span at the end of the trace. */
    public double spanEnd(Axis axis, int id) {
        if (axis == Axis.TIME) {
            return spans.endTime(id, lastTime());
        }
        int end = spans.endRow(id);
        return end < 0 ? Math.max(steps.count(), spanStart(axis, id)) : steps.step(end) + 1;
    }

    /** The start of the data along {@code axis}. */
    public double first(Axis axis) {
        return axis == Axis.TIME ? firstTime() : 0;
    }

    /** The end of the data along {@code axis}: the last event's time, or after the last step's column. */
    public double last(Axis axis) {
        return axis == Axis.TIME ? lastTime() : steps.count();
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

    /** How the run ended (from its run_end event), or null when the trace ends before the run did. */
    public FailureKind outcome() {
        return outcomeId < 0 ? null : FailureKind.ofId(outcomeId);
    }

    /** The row of the run's failure: its failure event, else its first verifier violation; -1 for none. */
    public int failureRow() {
        return failureRow >= 0 ? failureRow : firstViolationRow;
    }

    /** "passed", "failed: invariant violated: …", or "still running" / "cut short" before the run's end. */
    public String outcomeText() {
        FailureKind k = outcome();
        if (k == FailureKind.NONE) {
            return "passed";
        }
        int row = failureRow();
        String why = row < 0 ? (k == null ? "" : k.label())
                : EventFormat.details(events.fill(row, new EventCursor()), names);
        if (k != null) {
            return "failed: " + why;
        }
        return (row >= 0 ? "failed: " + why + "; " : "") + (complete ? "no run end recorded" : "the run had not ended");
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
        // the last span started by then, or, when it had ended, the span it ran inside (a DPC
        // that ran a driver callback goes on after it): a chain as long as the nesting
        for (int id = lane.spanId(lo - 1); id >= 0; id = spans.parent(id)) {
            int end = spans.endRow(id);
            if (end < 0 || end >= row) {
                return id;
            }
        }
        return -1;
    }

    /** The driver callback a {@link SpanKind#DRIVER_CALLBACK} span ran (EvtIoRead, EvtTimerFunc, …); null for other spans. */
    public CallbackKind callbackKind(int span) {
        if (spans.kind(span) != SpanKind.DRIVER_CALLBACK) {
            return null;
        }
        int r = spans.startRow(span);
        EventType t = EventType.ofId(events.typeId(r));
        return t == null ? null : DriverCallbacks.opened(t, events.related(r), events.arg(r));
    }

    /** The NTSTATUS a {@link SpanKind#REQUEST} span's request completed with, or -1 while it is pending (or not a request). */
    public long requestStatus(int span) {
        int end = spans.endRow(span);
        return spans.kind(span) != SpanKind.REQUEST || end < 0 ? -1 : events.arg(end) & 0xFFFFFFFFL;
    }

    /** Whether a request span's request completed STATUS_CANCELLED. */
    public boolean requestCancelled(int span) {
        return requestStatus(span) == NtStatus.CANCELLED.code();
    }

    /** The span that event {@code row} happened in, on its own thread's lane, or -1. */
    public int spanOfEvent(int row) {
        Lane lane = lanes.ofThread(events.thread(row));
        return lane == null ? -1 : spanContaining(lane, row);
    }

    /** The span on {@code lane} under position {@code t} of {@code axis}, or within {@code tolerance} of it; -1 when none. */
    public int spanAt(Lane lane, Axis axis, double t, double tolerance) {
        LaneTrack track = lane.track(axis);
        int after = track.firstStartingAtOrAfter(t);
        int best = -1;
        double bestGap = tolerance;
        if (after > 0) {
            int i = after - 1;
            long d = track.length(i);
            double end = d < 0 ? last(axis) : track.start(i) + d;
            double gap = Math.max(0, t - end);
            if (gap <= bestGap) {
                best = lane.spanId(i);
                bestGap = gap;
            }
        }
        if (after < lane.spanCount() && track.start(after) - t < bestGap) {
            best = lane.spanId(after);
        }
        return best;
    }

    /** Index among {@code lane}'s marks of {@code kind} of the first one at or after position {@code t} of {@code axis}, searching from {@code from}. */
    public int firstMark(Lane lane, MarkKind kind, Axis axis, double t, int from) {
        IntChunks rows = lane.marks(kind);
        int lo = from;
        int hi = rows.size();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (position(axis, rows.get(mid)) < t) {
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
        return events.allocatedBytes() + lanes.allocatedBytes() + spans.allocatedBytes() + latency.allocatedBytes()
                + steps.allocatedBytes() + causes.allocatedBytes();
    }
}
