package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lock pairing: per lock, acquire and release strictly alternate and the release comes from
 * the holder; a lock taken inside an ISR, DPC or callback is released before it returns. Each
 * problem is reported under the rule of the lock's kind ({@link LockKind#rule()}).
 */
final class LockRules {
    private record Holder(int lock, int thread, LockKind kind, long seq) {
    }

    /**
     * Holders per lock, oldest first: normally one. A second acquire is reported and recorded as
     * a second holder, so that the two releases that usually follow are not reported again.
     */
    private final Map<Integer, List<Holder>> holders = new HashMap<>();
    private final Names names;
    private final Reporter reporter;

    LockRules(Names names, Reporter reporter) {
        this.names = names;
        this.reporter = reporter;
    }

    void acquire(EventCursor c) {
        LockKind kind = LockKind.ofId(c.arg());
        List<Holder> hs = holders.computeIfAbsent(c.object(), k -> new ArrayList<>(1));
        if (!hs.isEmpty()) {
            Holder h = hs.get(hs.size() - 1);
            String by = h.thread() == c.thread() ? "the same thread" : names.thread(h.thread());
            reporter.error(c, rule(kind), c.object(), describe(kind, c.object()) + " acquired on " + names.thread(c.thread())
                    + " while " + by + " holds it since event " + h.seq() + ": acquire and release must alternate");
        }
        hs.add(new Holder(c.object(), c.thread(), kind, c.seq()));
    }

    void release(EventCursor c) {
        LockKind kind = LockKind.ofId(c.arg());
        List<Holder> hs = holders.get(c.object());
        Holder mine = null;
        if (hs != null) {
            for (int i = hs.size() - 1; i >= 0 && mine == null; i--) {
                if (hs.get(i).thread() == c.thread()) {
                    mine = hs.remove(i);
                }
            }
        }
        if (mine == null) {
            String state = hs == null || hs.isEmpty() ? "it is not held"
                    : "held by " + names.thread(hs.get(0).thread()) + " since event " + hs.get(0).seq();
            reporter.error(c, rule(kind), c.object(), describe(kind, c.object()) + " released on " + names.thread(c.thread())
                    + ", which does not hold it (" + state + "): acquire and release must alternate");
        }
        if (hs != null && hs.isEmpty()) {
            holders.remove(c.object());
        }
    }

    /**
     * An ISR, DPC or callback started at {@code startSeq} ended at {@code c}: every lock its
     * thread took since then and still holds is reported, then treated as released (as the
     * runtime does), so it is reported once.
     */
    void frameEnded(EventCursor c, long startSeq, String what) {
        List<Holder> leftover = new ArrayList<>();
        for (List<Holder> hs : holders.values()) {
            for (Holder h : hs) {
                if (h.thread() == c.thread() && h.seq() > startSeq) {
                    leftover.add(h);
                }
            }
        }
        leftover.sort(Comparator.comparingLong(Holder::seq));
        for (Holder h : leftover) {
            List<Holder> hs = holders.get(h.lock());
            hs.remove(h);
            if (hs.isEmpty()) {
                holders.remove(h.lock());
            }
            reporter.error(c, rule(h.kind()), h.lock(), describe(h.kind(), h.lock()) + " acquired at event " + h.seq()
                    + " is still held when " + what + " returns on " + names.thread(c.thread()));
        }
    }

    private static Rule rule(LockKind kind) {
        return kind == null ? Rule.WDF_SPINLOCK : kind.rule();
    }

    private String describe(LockKind kind, int lock) {
        String k = kind == null ? "lock" : kind.name().toLowerCase(Locale.ROOT) + " lock";
        return k + " " + Describe.object(names, lock);
    }
}
