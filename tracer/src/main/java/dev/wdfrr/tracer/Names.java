package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.NameKind;

import java.util.HashMap;
import java.util.Map;

/**
 * The names a trace has defined so far: threads, objects and strings, by id, as they are shown:
 * control characters escaped ({@link TraceText}). The events themselves keep the raw text.
 */
public final class Names {
    private final Map<Integer, String> threads = new HashMap<>();
    private final Map<Integer, String> objects = new HashMap<>();
    private final Map<Integer, String> strings = new HashMap<>();
    private final Map<Integer, String> sites = new HashMap<>();

    void define(int kindId, int id, String text) {
        NameKind kind = NameKind.ofId(kindId);
        if (kind == null) {
            return;
        }
        String shown = TraceText.escape(text); // names are for showing: never raw (see TraceText)
        switch (kind) {
            case THREAD -> threads.put(id, shown);
            case OBJECT -> objects.put(id, shown);
            case STRING -> strings.put(id, shown);
            case SITE -> sites.put(id, shown);
        }
    }

    void clear() {
        threads.clear();
        objects.clear();
        strings.clear();
        sites.clear();
    }

    /** The thread's name, or {@code thread-<id>} when the trace never named it. */
    public String thread(int id) {
        String n = threads.get(id);
        return n != null ? n : "thread-" + id;
    }

    /** The object's name, or {@code #<id>}. */
    public String object(int id) {
        String n = objects.get(id);
        return n != null ? n : "#" + id;
    }

    /** The string with this id, or {@code <string id>} when it is missing. */
    public String string(int id) {
        String n = strings.get(id);
        return n != null ? n : "<string " + id + ">";
    }

    /** The call site with this id ({@code Class.method(File.java:42)}), or {@code <site id>} when it is missing. */
    public String site(int id) {
        String n = sites.get(id);
        return n != null ? n : "<site " + id + ">";
    }

    /** Number of threads named so far. */
    public int threadCount() {
        return threads.size();
    }

    /** Thread ids and names. */
    public Map<Integer, String> threads() {
        return java.util.Collections.unmodifiableMap(threads);
    }

    /** Object ids and names. */
    public Map<Integer, String> objects() {
        return java.util.Collections.unmodifiableMap(objects);
    }
}
