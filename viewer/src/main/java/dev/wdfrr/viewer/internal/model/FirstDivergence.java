package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.TraceReader;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The first event where two traces differ, timestamps aside (a live recording and its replay
 * differ in every timestamp), found by streaming both.
 *
 * @param seq   sequence number of the first differing event; when one trace is a prefix of
 *              the other, the length of the shorter
 * @param lineA the event of trace A there, or "(end of trace)"
 * @param lineB likewise for B
 */
public record FirstDivergence(long seq, String lineA, String lineB) {
    static final String END = "(end of trace)";

    /**
     * Compares {@code a} and {@code b}.
     *
     * @return empty when they hold the same events
     * @throws LoadCancelledException when cancelled
     */
    public static Optional<FirstDivergence> find(Path a, Path b, Cancellation cancel) {
        try (TraceReader ra = TraceReader.open(a); TraceReader rb = TraceReader.open(b)) {
            EventCursor ca = new EventCursor();
            EventCursor cb = new EventCursor();
            for (long n = 0; ; n++) {
                if (n % TraceLoader.CHECK_EVERY == 0 && cancel.cancelled()) {
                    throw new LoadCancelledException("diff cancelled after " + n + " events");
                }
                boolean hasA = ra.next(ca);
                boolean hasB = rb.next(cb);
                if (!hasA && !hasB) {
                    return Optional.empty();
                }
                if (hasA != hasB || !ca.sameAs(cb, false)) {
                    return Optional.of(new FirstDivergence(n, hasA ? EventFormat.line(ca, ra.names()) : END,
                            hasB ? EventFormat.line(cb, rb.names()) : END));
                }
            }
        }
    }

    /** Two lines: where, and both events. */
    public String describe() {
        return "first divergence at event #" + seq + "\n  A: " + lineA.strip() + "\n  B: " + lineB.strip();
    }
}
