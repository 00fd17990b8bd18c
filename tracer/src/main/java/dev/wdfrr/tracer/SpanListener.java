package dev.wdfrr.tracer;

/** Receives the spans {@link SpanBuilder} pairs up: one call per completed latency sample. */
@FunctionalInterface
public interface SpanListener {
    /**
     * @param stage  which latency
     * @param start  start time (ns)
     * @param end    end time (ns)
     * @param object the ISR's interrupt, the DPC's interrupt, or the work item
     * @param endSeq sequence number of the event that ended the span
     */
    void span(LatencyStage stage, long start, long end, int object, long endSeq);
}
