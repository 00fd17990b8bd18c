package dev.wdfrr.replayer;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.TraceReader;

import java.nio.file.Path;
import java.util.ArrayDeque;

/** Compares two traces' event sequences, streaming both; reports the first difference with context. */
public final class TraceDiff {
    private static final int CONTEXT = 5;

    private TraceDiff() {
    }

    /**
     * The outcome of a comparison.
     *
     * @param identical  true when both sequences are the same
     * @param compared   events compared (the common prefix)
     * @param report     null when identical, else the first divergence with the preceding events
     * @param index      index of the first difference, or -1
     */
    public record Result(boolean identical, long compared, String report, long index) {
    }

    /**
     * @param withTime compare timestamps too (off: live recordings and their replays differ in time only)
     */
    public static Result diff(Path a, Path b, boolean withTime) {
        try (TraceReader ra = TraceReader.open(a); TraceReader rb = TraceReader.open(b)) {
            EventCursor ca = new EventCursor();
            EventCursor cb = new EventCursor();
            ArrayDeque<String> context = new ArrayDeque<>();
            long i = 0;
            for (;; i++) {
                boolean ha = ra.next(ca);
                boolean hb = rb.next(cb);
                if (!ha && !hb) {
                    return new Result(true, i, null, -1);
                }
                if (!ha || !hb || !ca.sameAs(cb, withTime)) {
                    StringBuilder sb = new StringBuilder("event #").append(i).append(": ");
                    sb.append(System.lineSeparator()).append("  ").append(a).append(": ")
                            .append(ha ? EventFormat.line(ca, ra.names()).strip() : "(trace ends)");
                    sb.append(System.lineSeparator()).append("  ").append(b).append(": ")
                            .append(hb ? EventFormat.line(cb, rb.names()).strip() : "(trace ends)");
                    if (!context.isEmpty()) {
                        sb.append(System.lineSeparator()).append("preceding events (identical in both):");
                        context.forEach(l -> sb.append(System.lineSeparator()).append(l));
                    }
                    return new Result(false, i, sb.toString(), i);
                }
                if (context.size() == CONTEXT) {
                    context.removeFirst();
                }
                context.addLast(EventFormat.line(ca, ra.names()));
            }
        }
    }
}
