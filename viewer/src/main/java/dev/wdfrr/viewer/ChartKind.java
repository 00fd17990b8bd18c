package dev.wdfrr.viewer;

/** What {@link Charts#write} draws. */
public enum ChartKind {
    /**
     * Latency per stage (ISR duration, interrupt → DPC, DPC duration, enqueue → callback start,
     * callback duration, interrupt → callback end): for each, a log-bucket histogram with its
     * CDF, and p50/p90/p99/p99.9/max in the chart's title; six charts in a grid.
     */
    LATENCY,
    /**
     * The timeline of the whole trace: a lane per thread, ISR, DPC and callback bars, enqueue,
     * delete and violation marks; the run's outcome in the header. Along steps (one column per
     * event, with values read and written, causal arrows and the steps that led to the failure)
     * or along time; see {@link TimelineAxis}.
     */
    TIMELINE
}
