/**
 * Traces: every runtime event written to a Chronicle Queue directory ({@link TraceWriter}), read
 * back in sequence order ({@link TraceReader}, {@link TraceEvent}), and summarised
 * ({@link TraceStats}). The wire format is described in {@code internal.Format}.
 */
package dev.wdfrr.tracer;
