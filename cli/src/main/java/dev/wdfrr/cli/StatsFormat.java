package dev.wdfrr.cli;

import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.Percentiles;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.tracer.TraceStats;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The stats table and its stable JSON form. */
final class StatsFormat {
    private StatsFormat() {
    }

    static String table(Path trace, TraceStats s) {
        StringBuilder b = new StringBuilder();
        TraceHeader h = s.header();
        b.append(String.format(Locale.ROOT, "trace     %s%n", trace));
        b.append(String.format(Locale.ROOT, "run       scenario %s, %s engine, seed %d, %d workers, %d CPUs%n", h.scenarioId(),
                h.engine().name().toLowerCase(Locale.ROOT), h.seed(), h.workers(), h.cpus()));
        b.append(String.format(Locale.ROOT, "events    %,d over %s%s%n", s.events(), Durations.format(s.lastTime()),
                s.truncated() ? "  (" + s.truncationNote() + ")" : ""));
        b.append(String.format(Locale.ROOT, "outcome   %s%n%n", outcome(s)));
        b.append(String.format(Locale.ROOT, "%-25s %12s%n", "event type", "count"));
        for (Map.Entry<EventType, Long> e : s.countsByType().entrySet()) {
            b.append(String.format(Locale.ROOT, "%-25s %,12d%n", e.getKey().wireName(), e.getValue()));
        }
        if (s.unknownTypes() > 0) {
            b.append(String.format(Locale.ROOT, "%-25s %,12d%n", "(unknown types)", s.unknownTypes()));
        }
        b.append(String.format(Locale.ROOT, "%ncoalesced  enqueue %,d of %,d (%s)   DPC %,d of %,d (%s)%n",
                s.coalescedEnqueues(), s.coalescedEnqueues() + s.queuedEnqueues(), pct(s.coalescedEnqueues(), s.coalescedEnqueues() + s.queuedEnqueues()),
                s.coalescedDpcs(), s.coalescedDpcs() + s.queuedDpcs(), pct(s.coalescedDpcs(), s.coalescedDpcs() + s.queuedDpcs())));
        if (s.requestsCreated() > 0) {
            b.append(String.format(Locale.ROOT, "%nrequests   %,d arrived, %,d completed (%,d cancelled, %,d failed), %,d pending at the end%n",
                    s.requestsCreated(), s.requestsCompleted(), s.requestsCancelled(), s.requestsFailed(), s.requestsPendingAtEnd()));
        }
        b.append(String.format(Locale.ROOT, "%nlatency (HdrHistogram, %d significant digits)%n", Percentiles.PRECISION_DIGITS));
        b.append(String.format(Locale.ROOT, "%-30s %9s %9s %9s %9s %9s %9s %9s%n", "stage", "count", "p50", "p90", "p99", "p99.9", "max", "unmatched"));
        for (LatencyStage st : LatencyStage.values()) {
            Percentiles p = s.latency(st);
            if (st.ofRequests() && s.requestsCreated() == 0 && s.unmatched(st) == 0) {
                continue; // a driver without I/O queues: four empty rows would only be noise (--json keeps them)
            }
            b.append(String.format(Locale.ROOT, "%-30s %,9d %9s %9s %9s %9s %9s %9d%n", st.label(), p.count(), d(p.count(), p.p50()),
                    d(p.count(), p.p90()), d(p.count(), p.p99()), d(p.count(), p.p999()), d(p.count(), p.max()), s.unmatched(st)));
        }
        b.append(String.format(Locale.ROOT, "%nviolations %d", s.violations()));
        for (Map.Entry<Rule, Long> e : s.violationsByRule().entrySet()) {
            b.append(String.format(Locale.ROOT, "  %s %d", e.getKey().verifierName(), e.getValue()));
        }
        b.append(System.lineSeparator());
        for (String f : s.failures()) {
            b.append("failure   ").append(f).append(System.lineSeparator());
        }
        return b.toString();
    }

    private static String d(long count, long nanos) {
        return count == 0 ? "-" : Durations.format(nanos);
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static String outcome(TraceStats s) {
        FailureKind k = s.outcome();
        if (k == null) {
            return "unknown (the trace ends before the run did)";
        }
        return k == FailureKind.NONE ? "passed" : k.label();
    }

    static String json(Path trace, TraceStats s) {
        TraceHeader h = s.header();
        Json j = new Json().open()
                .field("trace", trace.toString())
                .field("scenario", h.scenarioId())
                .field("engine", h.engine().name().toLowerCase(Locale.ROOT))
                .field("seed", h.seed())
                .field("total_events", s.events())
                .field("duration_ns", s.lastTime());
        j.key("events").open();
        for (Map.Entry<EventType, Long> e : s.countsByType().entrySet()) {
            j.field(e.getKey().wireName(), e.getValue());
        }
        j.close();
        j.key("coalesced").open().field("enqueue", s.coalescedEnqueues()).field("dpc", s.coalescedDpcs()).close();
        j.key("queued").open().field("enqueue", s.queuedEnqueues()).field("dpc", s.queuedDpcs()).close();
        j.key("requests").open().field("created", s.requestsCreated()).field("completed", s.requestsCompleted())
                .field("cancelled", s.requestsCancelled()).field("failed", s.requestsFailed())
                .field("pending_at_end", s.requestsPendingAtEnd()).close();
        j.key("latency").open();
        for (LatencyStage st : LatencyStage.values()) {
            Percentiles p = s.latency(st);
            boolean none = p.count() == 0; // an empty stage has no percentiles: null, not a latency of 0
            j.key(st.key()).open().field("count", p.count()).field("p50", none ? null : (Long) p.p50())
                    .field("p90", none ? null : (Long) p.p90()).field("p99", none ? null : (Long) p.p99())
                    .field("p999", none ? null : (Long) p.p999()).field("max", none ? null : (Long) p.max())
                    .field("unmatched", s.unmatched(st)).close();
        }
        j.close();
        j.field("violations", s.violations());
        j.key("violations_by_rule").open();
        for (Map.Entry<Rule, Long> e : s.violationsByRule().entrySet()) {
            j.field(e.getKey().verifierName(), e.getValue());
        }
        j.close();
        FailureKind k = s.outcome();
        j.field("outcome", k == null ? null : k == FailureKind.NONE ? "passed" : k.name().toLowerCase(Locale.ROOT));
        j.field("truncated", s.truncated());
        return j.close().toString();
    }
}
