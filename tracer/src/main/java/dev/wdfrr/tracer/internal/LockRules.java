package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Lock pairing: per lock, acquire and release strictly alternate and the release comes from
 * the holder; a lock taken inside an ISR, DPC or callback is released before it returns
 * ({@link Rule#LOCK_HELD_AT_RETURN}). Pairing problems are reported under the rule of the lock's
 * kind ({@link LockKind#rule()}), except the framework's own: a spin lock released by a
 * non-owner ({@link Rule#INVALID_LOCK_OPERATION}) and a callback lock acquired again by its owner
 * ({@link Rule#RECURSIVE_LOCK}).
 *
 * <p>Every operation costs O(log n) in the holders alive at once: holders are indexed by lock
 * (oldest and newest), by (lock, thread) (the one a release takes) and by thread in acquire
 * order (what a returning frame still holds), so nothing scans every held lock.
 */
final class LockRules {
    private record Holder(int lock, int thread, LockKind kind, long seq) {
    }

    /**
     * Holders per lock by acquire event, oldest first: normally one. A second acquire is reported
     * and recorded as a second holder, so that the two releases that usually follow are not
     * reported again.
     */
    private final Map<Integer, TreeMap<Long, Holder>> byLock = new HashMap<>();
    /** Per (lock, thread): its holders, newest last; a release takes the newest. */
    private final Map<Long, ArrayDeque<Holder>> byLockAndThread = new HashMap<>();
    /** Per thread: the locks it holds, by acquire event. */
    private final Map<Integer, TreeMap<Long, Holder>> byThread = new HashMap<>();
    private final Names names;
    private final Reporter reporter;

    LockRules(Names names, Reporter reporter) {
        this.names = names;
        this.reporter = reporter;
    }

    private static long key(int lock, int thread) {
        return (long) lock << 32 | thread & 0xffffffffL;
    }

    void acquire(EventCursor c) {
        LockKind kind = LockKind.ofId(c.arg());
        TreeMap<Long, Holder> hs = byLock.get(c.object());
        if (hs != null && !hs.isEmpty()) {
            Holder h = hs.lastEntry().getValue();
            boolean same = h.thread() == c.thread();
            String by = same ? "the same thread" : names.thread(h.thread());
            // FxCallbackSpinLock::Lock / FxCallbackMutexLock::Lock: the owner acquiring again bug checks
            Rule rule = same && kind == LockKind.CALLBACK ? Rule.RECURSIVE_LOCK : rule(kind);
            reporter.error(c, rule, c.object(), describe(kind, c.object()) + " acquired on " + names.thread(c.thread())
                    + " while " + by + " holds it since event " + h.seq() + ": acquire and release must alternate");
        }
        Holder h = new Holder(c.object(), c.thread(), kind, c.seq());
        byLock.computeIfAbsent(c.object(), k -> new TreeMap<>()).put(h.seq(), h);
        byLockAndThread.computeIfAbsent(key(c.object(), c.thread()), k -> new ArrayDeque<>(1)).addLast(h);
        byThread.computeIfAbsent(c.thread(), k -> new TreeMap<>()).put(h.seq(), h);
    }

    void release(EventCursor c) {
        LockKind kind = LockKind.ofId(c.arg());
        ArrayDeque<Holder> mine = byLockAndThread.get(key(c.object(), c.thread()));
        if (mine != null && !mine.isEmpty()) {
            forget(mine.peekLast());
            return;
        }
        TreeMap<Long, Holder> hs = byLock.get(c.object());
        String state = hs == null || hs.isEmpty() ? "it is not held"
                : "held by " + names.thread(hs.firstEntry().getValue().thread()) + " since event " + hs.firstKey();
        // FxSpinLock::ReleaseLock: a release by a thread that does not own the spin lock bug checks
        Rule rule = kind == LockKind.SPIN ? Rule.INVALID_LOCK_OPERATION : rule(kind);
        reporter.error(c, rule, c.object(), describe(kind, c.object()) + " released on " + names.thread(c.thread())
                + ", which does not hold it (" + state + "): acquire and release must alternate");
    }

    /** Removes a holder from every index, dropping the empty ones so that memory follows what is held. */
    private void forget(Holder h) {
        TreeMap<Long, Holder> hs = byLock.get(h.lock());
        hs.remove(h.seq());
        if (hs.isEmpty()) {
            byLock.remove(h.lock());
        }
        long k = key(h.lock(), h.thread());
        ArrayDeque<Holder> lt = byLockAndThread.get(k);
        lt.removeLastOccurrence(h); // the newest of (lock, thread) in both callers: O(1)
        if (lt.isEmpty()) {
            byLockAndThread.remove(k);
        }
        TreeMap<Long, Holder> t = byThread.get(h.thread());
        t.remove(h.seq());
        if (t.isEmpty()) {
            byThread.remove(h.thread());
        }
    }

    /**
     * An ISR, DPC or callback started at {@code startSeq} ended at {@code c}: every lock its
     * thread took since then and still holds is reported, then treated as released (as the
     * runtime does), so it is reported once.
     */
    void frameEnded(EventCursor c, long startSeq, String what) {
        TreeMap<Long, Holder> held = byThread.get(c.thread());
        if (held == null) {
            return;
        }
        NavigableMap<Long, Holder> since = held.tailMap(startSeq, false);
        if (since.isEmpty()) {
            return;
        }
        List<Holder> leftover = new ArrayList<>(since.values()); // in acquire order
        for (int i = leftover.size() - 1; i >= 0; i--) {
            forget(leftover.get(i)); // newest first: each is the newest of its (lock, thread)
        }
        for (Holder h : leftover) {
            reporter.error(c, Rule.LOCK_HELD_AT_RETURN, h.lock(), describe(h.kind(), h.lock()) + " acquired at event " + h.seq()
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
