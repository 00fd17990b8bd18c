package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Rule;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace summarised in one streaming pass: counts per event type, coalesced enqueues and DPCs,
 * latency percentiles per {@link LatencyStage}, violations by rule, the outcome, and whether
 * the trace was truncated.
 */
public final class TraceStats {
    private final TraceHeader header;
    private final long[] counts = new long[256];
    private long events;
    private long queuedEnqueues;
    private long coalescedEnqueues;
    private long queuedDpcs;
    private long coalescedDpcs;
    private long requestsCancelled;
    private long requestsFailed;
    private final EnumMap<Rule, Long> violations = new EnumMap<>(Rule.class);
    private long unknownRuleViolations;
    private final EnumMap<LatencyStage, Histogram> histograms = new EnumMap<>(LatencyStage.class);
    private final long[] maxima = new long[LatencyStage.values().length];
    private EnumMap<LatencyStage, Long> unmatched;
    private final List<String> failures = new ArrayList<>();
    private FailureKind outcome;
    private long lastTime;
    private boolean truncated;
    private String truncationNote;

    private TraceStats(TraceHeader header) {
        this.header = header;
        for (LatencyStage s : LatencyStage.values()) {
            histograms.put(s, new Histogram(Percentiles.PRECISION_DIGITS));
        }
    }

    /** Reads the rest of the trace and summarises it. */
    public static TraceStats of(TraceReader reader) {
        TraceStats stats = new TraceStats(reader.header());
        SpanBuilder spans = new SpanBuilder((stage, start, end, object, seq) -> {
            long d = end - start;
            if (d >= 0) {
                stats.histograms.get(stage).recordValue(d);
                stats.maxima[stage.ordinal()] = Math.max(stats.maxima[stage.ordinal()], d);
            }
        });
        EventCursor c = new EventCursor();
        while (reader.next(c)) {
            stats.count(c, reader.names());
            spans.accept(c);
        }
        stats.unmatched = spans.unmatched();
        stats.truncated = reader.truncated();
        stats.truncationNote = reader.truncationNote().orElse(null);
        return stats;
    }

    private void count(EventCursor c, Names names) {
        events++;
        counts[c.typeId & 0xff]++;
        lastTime = Math.max(lastTime, c.time);
        EventType t = c.type();
        if (t == null) {
            return;
        }
        switch (t) {
            case ENQUEUE -> {
                if (c.arg == 1) {
                    queuedEnqueues++;
                } else {
                    coalescedEnqueues++;
                }
            }
            case DPC_QUEUE -> {
                if (c.arg == 1) {
                    queuedDpcs++;
                } else {
                    coalescedDpcs++;
                }
            }
            case VIOLATION -> {
                Rule r = Rule.ofId((int) c.arg);
                if (r == null) {
                    unknownRuleViolations++;
                } else {
                    violations.merge(r, 1L, Long::sum);
                }
            }
            case REQUEST_COMPLETE -> {
                long status = c.arg & 0xFFFFFFFFL;
                if (status == dev.wdfrr.runtime.NtStatus.CANCELLED.code()) {
                    requestsCancelled++;
                } else if (!dev.wdfrr.runtime.NtStatus.isSuccess(status)) {
                    requestsFailed++;
                }
            }
            case FAILURE -> failures.add(names.string(c.related));
            case RUN_END -> outcome = FailureKind.ofId(c.arg);
            default -> { }
        }
    }

    public TraceHeader header() {
        return header;
    }

    /** Events read, names included. */
    public long events() {
        return events;
    }

    /** Events of one type. */
    public long count(EventType type) {
        return counts[type.id()];
    }

    /** Counts per type, for types that occurred, in type order. */
    public Map<EventType, Long> countsByType() {
        Map<EventType, Long> m = new LinkedHashMap<>();
        for (EventType t : EventType.values()) {
            if (counts[t.id()] > 0) {
                m.put(t, counts[t.id()]);
            }
        }
        return m;
    }

    /** Events whose type id this version does not know. */
    public long unknownTypes() {
        long known = 0;
        for (EventType t : EventType.values()) {
            known += counts[t.id()];
        }
        return events - known;
    }

    public long queuedEnqueues() {
        return queuedEnqueues;
    }

    public long coalescedEnqueues() {
        return coalescedEnqueues;
    }

    public long queuedDpcs() {
        return queuedDpcs;
    }

    public long coalescedDpcs() {
        return coalescedDpcs;
    }

    /** I/O requests that arrived. */
    public long requestsCreated() {
        return count(EventType.REQUEST_CREATE);
    }

    /** I/O requests completed, with any status. */
    public long requestsCompleted() {
        return count(EventType.REQUEST_COMPLETE);
    }

    /** Of those, completed with STATUS_CANCELLED. */
    public long requestsCancelled() {
        return requestsCancelled;
    }

    /** Of those, completed with an error other than STATUS_CANCELLED. */
    public long requestsFailed() {
        return requestsFailed;
    }

    /** Requests that arrived and were not completed when the trace ends. */
    public long requestsPendingAtEnd() {
        return Math.max(0, requestsCreated() - requestsCompleted());
    }

    public Percentiles latency(LatencyStage stage) {
        return Percentiles.of(histograms.get(stage), maxima[stage.ordinal()]);
    }

    /** The histogram behind a stage (for charts); do not modify. */
    public Histogram histogram(LatencyStage stage) {
        return histograms.get(stage);
    }

    /** Starts without an end at the end of the trace, per stage. */
    public long unmatched(LatencyStage stage) {
        return unmatched.getOrDefault(stage, 0L);
    }

    public long violations() {
        long n = unknownRuleViolations;
        for (long v : violations.values()) {
            n += v;
        }
        return n;
    }

    public Map<Rule, Long> violationsByRule() {
        return Collections.unmodifiableMap(violations);
    }

    /** Failure texts in order. */
    public List<String> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** The recorded outcome, or null when the trace ended before the run did. */
    public FailureKind outcome() {
        return outcome;
    }

    /** Time of the last event: the run's length. */
    public long lastTime() {
        return lastTime;
    }

    public boolean truncated() {
        return truncated;
    }

    /** "truncated after event N …", or null. */
    public String truncationNote() {
        return truncationNote;
    }
}
