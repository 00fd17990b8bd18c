package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceLimitException;
import dev.wdfrr.tracer.TraceLimits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open slices of every thread's track, and the order their output is written in.
 *
 * <p>An {@code X} slice can be written only when it ends, but viewers that sort by timestamp
 * nest a child inside a parent with the same start only if the parent comes first in the file.
 * So whatever happens inside an open slice (nested slices, instants, flow ends bound to it) is
 * held back and written right after the slice itself: each track's file order is its time
 * order, parents before children. Memory holds only what happened inside slices still open, up
 * to {@link #MAX_BUFFERED} entries per track; past that, output is written through as it
 * comes (a track of a hung callback stays bounded; its nesting order is then best effort).
 */
final class SliceTracks {
    static final int MAX_BUFFERED = 1 << 16;

    /** What a slice is: its kind, object and instance; an end event closes the slice of the same key. */
    record Key(String kind, int object, long instance) {
    }

    /** A slice: open until its end event (or the end of the trace). */
    static final class Slice {
        final int thread;
        final Key key;
        final long start;
        final String name;
        final String cat;
        final JsonArgs args;
        private List<String> pending = new ArrayList<>();
        private boolean closed;

        private Slice(int thread, Key key, long start, String name, String cat, JsonArgs args) {
            this.thread = thread;
            this.key = key;
            this.start = start;
            this.name = name;
            this.cat = cat;
            this.args = args;
        }
    }

    private static final class Track {
        final ArrayDeque<Slice> stack = new ArrayDeque<>();
        int buffered;
    }

    private final Map<Integer, Track> tracks = new TreeMap<>();
    /** Set while {@link #closeAll} walks the tracks (which must then not be removed one by one). */
    private boolean closingAll;
    private final ChromeTraceWriter out;

    SliceTracks(ChromeTraceWriter out) {
        this.out = out;
    }

    private Track track(int thread) {
        return tracks.computeIfAbsent(thread, k -> new Track());
    }

    /**
     * Opens a slice on the thread's track.
     *
     * @throws TraceLimitException beyond {@link TraceLimits#MAX_OPEN_FRAMES} open slices on one track
     */
    Slice open(int thread, Key key, long start, String name, String cat, JsonArgs args) {
        Track t = track(thread);
        if (t.stack.size() >= TraceLimits.MAX_OPEN_FRAMES) {
            throw new TraceLimitException("more than " + TraceLimits.MAX_OPEN_FRAMES + " ISR, DPC, callback, flush and disposal "
                    + "slices open at once on thread " + thread + ": beyond wdfrr's limit (a real run nests a few)");
        }
        Slice s = new Slice(thread, key, start, name, cat, args);
        t.stack.push(s);
        return s;
    }

    /** The innermost open slice of the thread, or null. */
    Slice top(int thread) {
        Track t = tracks.get(thread);
        return t == null ? null : t.stack.peek();
    }

    /**
     * Closes the innermost open slice with this key, first closing any slice opened inside it whose
     * end never came (marked unfinished). An end without a start (the trace was read from the
     * middle) is ignored.
     *
     * @return whether a slice was closed
     */
    boolean close(int thread, Key key, long end, JsonArgs endArgs) {
        Track t = tracks.get(thread);
        if (t == null) {
            return false;
        }
        Slice target = null;
        for (Iterator<Slice> it = t.stack.iterator(); it.hasNext(); ) {
            Slice s = it.next();
            if (s.key.equals(key)) {
                target = s;
                break;
            }
        }
        if (target == null) {
            return false;
        }
        while (t.stack.peek() != target) {
            closeTop(t, end, true);
        }
        target.args.putAll(endArgs);
        closeTop(t, end, false);
        return true;
    }

    private void closeTop(Track t, long end, boolean unfinished) {
        Slice s = t.stack.pop();
        s.closed = true;
        if (unfinished) {
            s.args.put("unfinished", true);
        }
        String x = out.complete(s.thread, s.start, Math.max(0, end - s.start), s.name, s.cat, s.args);
        Slice parent = t.stack.peek();
        if (parent == null || t.buffered >= MAX_BUFFERED) {
            out.write(x);
            s.pending.forEach(out::write);
            t.buffered = parent == null ? 0 : t.buffered - s.pending.size();
            if (parent == null && !closingAll) {
                tracks.remove(s.thread); // memory follows the tracks with open slices
            }
        } else {
            parent.pending.add(x);
            parent.pending.addAll(s.pending);
            t.buffered++;
        }
        s.pending = null;
    }

    /** Output that happened on the thread now: held back inside its innermost open slice, if any. */
    void emit(int thread, String event) {
        Track t = tracks.get(thread);
        Slice top = t == null ? null : t.stack.peek();
        if (top == null || t.buffered >= MAX_BUFFERED) {
            out.write(event);
        } else {
            top.pending.add(event);
            t.buffered++;
        }
    }

    /** Output that belongs to slice {@code s} (a flow end bound to it): after it, even if it is closed. */
    void emitBound(Slice s, String event) {
        Track t = s.closed ? null : tracks.get(s.thread);
        if (t != null && t.buffered < MAX_BUFFERED) {
            s.pending.add(event);
            t.buffered++;
        } else {
            emit(s.thread, event);
        }
    }

    /**
     * Closes every slice still open at the end of the trace at {@code end}, marked unfinished.
     *
     * @return how many there were
     */
    int closeAll(long end) {
        int n = 0;
        closingAll = true;
        for (Track t : tracks.values()) {
            while (!t.stack.isEmpty()) {
                closeTop(t, Math.max(end, t.stack.peek().start), true);
                n++;
            }
        }
        tracks.clear();
        return n;
    }
}
