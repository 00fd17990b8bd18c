package dev.wdfrr.tracer;

/**
 * The explicit limits of reading and analysing a trace. Real recordings stay far below them;
 * they exist so that a crafted or damaged trace cannot make an analysis hold unbounded memory or
 * do unbounded work. Reaching one is reported in one line ({@link TraceLimitException}), or,
 * where noted, counted and the analysis goes on.
 */
public final class TraceLimits {
    /**
     * Lanes of a concurrent trace: threads that may write one trace at the same time. A reader
     * refuses a trace with more; a writer refuses the thread beyond it.
     */
    public static final int MAX_LANES = 1024;
    /**
     * ISR, DPC, callback, flush and disposal frames open at once on one thread (a real run nests a
     * few). {@code check} and {@code export} stop with a one-line error beyond it.
     */
    public static final int MAX_OPEN_FRAMES = 256;
    /**
     * Latency pairing ({@code stats}, charts, CSV spans): what waits per interrupt line, queued
     * DPC or work item (raised interrupts, interrupts behind a DPC or a callback). Beyond it the
     * oldest waiting entry is dropped and counted as unmatched; the analysis goes on.
     */
    public static final int MAX_WAITING = SpanBuilder.MAX_WAITING;

    private TraceLimits() {
    }
}
