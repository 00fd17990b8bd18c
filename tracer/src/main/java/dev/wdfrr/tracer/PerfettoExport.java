package dev.wdfrr.tracer;

import dev.wdfrr.tracer.internal.ChromeTraceBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports a trace as Chrome Trace Event JSON, which the Perfetto UI (ui.perfetto.dev) and
 * {@code chrome://tracing} open. Streams: events are written as the trace is read; only what
 * happens inside slices still open is held back (see below).
 *
 * <p>The file is {@code {"displayTimeUnit":"ns","traceEvents":[…],"otherData":{…}}}: one process
 * (pid 1) named after the scenario, one thread per logical thread (tid = thread id + 1) named with
 * {@code thread_name} metadata, so each CPU's ISR ({@code isr-N}) and DPC ({@code cpu-N}) and
 * each worker is its own track. {@code ts} and {@code dur} are microseconds with three decimals
 * (nanosecond precision).
 * <ul>
 * <li>{@code X} slices: ISRs (cat {@code isr}), DPCs ({@code dpc}), callback instances
 *     ({@code callback}, named {@code item #instance}), flushes ({@code flush}), deferred
 *     disposals ({@code dispose}) and kernel-event waits ({@code kevent}, "wait on EVENT" from
 *     the wait to its wake or timeout, args.satisfied); args give object, object_name,
 *     start_seq, end_seq.</li>
 * <li>{@code i} instants, thread scope: {@code interrupt}, {@code dpc_queue}, {@code enqueue}
 *     (name ends in {@code (coalesced)} and args.queued is false when it coalesced),
 *     {@code delete}, {@code violation} (args rule, message), {@code failure}, {@code run}
 *     (the end, and {@code quiescent}), {@code kevent} (kernel-event set, clear, wake, timeout;
 *     args.set names the set a wake came from).</li>
 * <li>flow arrows ({@code s}, then {@code f} with {@code "bp":"e"}, sharing an id, cat
 *     {@code flow}): queue-DPC in an ISR → that DPC's start ("interrupt -> DPC"), and enqueue
 *     in an ISR, DPC or callback → the callback start it leads to ("enqueue -> callback"), the
 *     chain {@link SpanBuilder} follows; and a kernel-event set → each wait it woke ("set ->
 *     wait", from the set's instant to the end of the wait; a wait that found the event already
 *     signaled was woken by no set and has none). An arrow is written only when both its ends
 *     are in the trace, except that a set's starts are written with the set (a viewer binds a
 *     start to what is innermost on its track there), so a trace cut short before a woken wait's
 *     wake leaves a start without a finish, which viewers ignore; {@link Summary#flows()}
 *     counts finished arrows.</li>
 * </ul>
 * Slices on one track nest properly, and each slice is written before what happens inside it,
 * which is what viewers need when a child starts at its parent's timestamp. A start whose end
 * the trace does not hold (a truncated trace, a hang) is closed at the trace's last timestamp
 * and marked {@code "unfinished": true}; an end without a start is omitted. {@code otherData}
 * holds scenario, seed, engine, events, truncated and unfinished_slices.
 */
public final class PerfettoExport {
    private PerfettoExport() {
    }

    /** What an export wrote. */
    public record Summary(long events, long slices, long instants, long flows, long unfinishedSlices, boolean truncated) {
    }

    /**
     * Reads the rest of the trace into a JSON file (replacing it).
     *
     * @throws TraceException when the trace is corrupt or the file cannot be written
     */
    public static Summary write(TraceReader reader, Path json) {
        try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            return write(reader, w);
        } catch (IOException | UncheckedIOException e) {
            throw new TraceException("cannot write " + json + ": " + message(e), e);
        }
    }

    /**
     * Reads the rest of the trace and writes the JSON to {@code out}, which it flushes but does
     * not close.
     *
     * @throws UncheckedIOException when writing fails
     * @throws TraceException when the trace is corrupt
     */
    public static Summary write(TraceReader reader, Writer out) {
        ChromeTraceBuilder builder = new ChromeTraceBuilder(out, reader.names(), reader.header());
        EventCursor c = new EventCursor();
        long events = 0;
        try {
            while (reader.next(c)) {
                events++;
                builder.accept(c);
            }
        } catch (TraceLimitException e) {
            throw new TraceLimitException(reader.directory() + ": " + e.getMessage());
        }
        boolean truncated = reader.truncated();
        ChromeTraceBuilder.Counts n = builder.finish(reader.header(), events, truncated);
        return new Summary(events, n.slices(), n.instants(), n.flows(), n.unfinishedSlices(), truncated);
    }

    static String message(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
