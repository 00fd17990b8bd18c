package dev.wdfrr.tracer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a Chrome Trace Event JSON object one event at a time: the opening with
 * {@code displayTimeUnit} first (Perfetto reads it only there), the {@code traceEvents} array,
 * and {@code otherData} last, since it holds what is known only at the end. Builds each event's
 * text; whoever orders them decides when to {@link #write} it. One process for the trace; each
 * logical thread is a thread whose tid is its id + 1, because some viewers treat tid 0 as the
 * idle thread. A thread gets its {@code thread_name} metadata before its first event.
 */
final class ChromeTraceWriter {
    static final int PID = 1;

    private final Writer out;
    private final StringBuilder sb = new StringBuilder(256);
    /** Names the trace gave threads; tracks named by their fallback only are in {@link #fallbackNamed}. */
    private final Map<Integer, String> threadNames = new HashMap<>();
    private final IntLongMap fallbackNamed = new IntLongMap();
    private boolean first = true;
    private long slices;
    private long instants;
    private long flowFinishes;

    ChromeTraceWriter(Writer out) {
        this.out = out;
    }

    void begin(String processName) {
        raw("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        sb.setLength(0);
        sb.append("{\"ph\":\"M\",\"pid\":").append(PID).append(",\"name\":\"process_name\",\"args\":{\"name\":");
        JsonText.string(sb, processName).append("}}");
        write(sb.toString());
    }

    static int tid(int thread) {
        return thread + 1;
    }

    /** Names a thread's track (again, if the trace renames it). */
    void threadName(int thread, String name) {
        if (name.equals(threadNames.put(thread, name))) {
            return;
        }
        writeName(thread, name);
    }

    private void writeName(int thread, String name) {
        sb.setLength(0);
        sb.append("{\"ph\":\"M\",\"pid\":").append(PID).append(",\"tid\":").append(tid(thread))
                .append(",\"name\":\"thread_name\",\"args\":{\"name\":");
        JsonText.string(sb, name).append("}}");
        write(sb.toString());
        sb.setLength(0);
        sb.append("{\"ph\":\"M\",\"pid\":").append(PID).append(",\"tid\":").append(tid(thread))
                .append(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":").append(tid(thread)).append("}}");
        write(sb.toString());
    }

    /** Names the thread's track with {@code fallback} unless it has a name already. */
    void ensureThread(int thread, String fallback) {
        if (!threadNames.containsKey(thread) && !fallbackNamed.containsKey(thread)) {
            fallbackNamed.put(thread, 1);
            writeName(thread, fallback);
        }
    }

    /** An {@code X} slice. */
    String complete(int thread, long start, long dur, String name, String cat, JsonArgs args) {
        slices++;
        head('X', thread, start, name, cat);
        JsonText.micros(sb.append(",\"dur\":"), dur);
        args.appendTo(sb.append(",\"args\":"));
        return sb.append('}').toString();
    }

    /** An {@code i} event scoped to its thread. */
    String instant(int thread, long ts, String name, String cat, JsonArgs args) {
        instants++;
        head('i', thread, ts, name, cat);
        sb.append(",\"s\":\"t\"");
        args.appendTo(sb.append(",\"args\":"));
        return sb.append('}').toString();
    }

    /**
     * An async slice's begin ({@code b}) or end ({@code e}): a pair shares {@code cat} and
     * {@code id}; Perfetto draws it on a track of its own, named by the pair's name.
     */
    String async(char ph, long id, int thread, long ts, String name, String cat, JsonArgs args) {
        if (ph == 'b') {
            slices++;
        }
        head(ph, thread, ts, name, cat);
        sb.append(",\"id\":").append(id);
        args.appendTo(sb.append(",\"args\":"));
        return sb.append('}').toString();
    }

    /** A flow start ({@code s}) or finish ({@code f}, bound to its enclosing slice). */
    String flow(char ph, long id, int thread, long ts, String name) {
        if (ph == 'f') {
            flowFinishes++;
        }
        head(ph, thread, ts, name, "flow");
        sb.append(",\"id\":").append(id);
        if (ph == 'f') {
            sb.append(",\"bp\":\"e\"");
        }
        return sb.append('}').toString();
    }

    private void head(char ph, int thread, long ts, String name, String cat) {
        sb.setLength(0);
        sb.append("{\"ph\":\"").append(ph).append("\",\"pid\":").append(PID).append(",\"tid\":").append(tid(thread))
                .append(",\"ts\":");
        JsonText.micros(sb, ts).append(",\"name\":");
        JsonText.string(sb, name).append(",\"cat\":");
        JsonText.string(sb, cat);
    }

    /** Writes one event built by this writer (every event built is written by the end, so the counts hold). */
    void write(String event) {
        raw(first ? event : ",\n" + event);
        first = false;
    }

    /** Closes the array and writes {@code otherData}. */
    void end(JsonArgs otherData) {
        sb.setLength(0);
        sb.append("\n],\n\"otherData\":");
        otherData.appendTo(sb);
        raw(sb.append("}\n").toString());
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long slices() {
        return slices;
    }

    long instants() {
        return instants;
    }

    /**
     * Flow arrows written: their finishes (a kernel-event set's start whose wait never woke, in a
     * trace cut short, is no arrow).
     */
    long flows() {
        return flowFinishes;
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
