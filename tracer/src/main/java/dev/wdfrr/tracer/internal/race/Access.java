package dev.wdfrr.tracer.internal.race;

/**
 * One earlier access kept for a report: the thread slot and its clock then (its epoch), the
 * event number, the call site text (null when the trace has none) and what kind of access.
 */
public record Access(int slot, int clock, long seq, int thread, String site, boolean write, boolean atomic) {
}
