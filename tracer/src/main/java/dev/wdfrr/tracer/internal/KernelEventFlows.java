package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceLimits;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Arrows from a kernel event's set to the waits it woke. A {@code kevent_set} says how many
 * blocked waits it satisfied; each of them later ends in a {@code kevent_wake} naming that set's
 * number. So the arrows' ids are taken at the set, where their starts must be written (right
 * after the set's instant, which the start binds to), and handed out as the waits wake. A wait
 * that found the event already signaled (its wake in the same step as its wait) was not woken by
 * anyone and gets no arrow.
 */
final class KernelEventFlows {
    /** The arrows of one set still waiting for their waits to wake: ids {@code nextId} on. */
    private static final class Set {
        final int number;
        long nextId;
        long remaining;

        Set(int number, long nextId, long remaining) {
            this.number = number;
            this.nextId = nextId;
            this.remaining = remaining;
        }
    }

    /** Per kernel event, its sets whose woken waits have not all woken yet, oldest first. */
    private final Map<Integer, ArrayDeque<Set>> pending = new HashMap<>();
    /** Per thread, the number of its last {@code kevent_wait}. */
    private final IntLongMap waitSeq = new IntLongMap();

    /**
     * Set {@code number} of {@code event} satisfied {@code woken} blocked waits: returns the ids
     * of their arrows (at most {@link TraceLimits#MAX_WAITING}), taken from {@code ids}.
     */
    long[] set(int event, int number, long woken, LongSupplier ids) {
        int n = (int) Math.min(Math.max(0, woken), TraceLimits.MAX_WAITING);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = ids.getAsLong();
        }
        if (n > 0) {
            ArrayDeque<Set> sets = pending.computeIfAbsent(event, k -> new ArrayDeque<>(2));
            if (sets.size() >= TraceLimits.MAX_WAITING) {
                sets.pollFirst(); // a crafted trace: the oldest set's waiters never woke
            }
            sets.addLast(new Set(number, out[0], n));
        }
        return out;
    }

    void waited(int thread, long seq) {
        waitSeq.put(thread, seq);
    }

    /**
     * The wait of {@code thread} on {@code event} was satisfied by set {@code number} (event
     * {@code seq}): the id of the arrow that ends here, or 0 for none.
     */
    long woken(int thread, long seq, int event, int number) {
        if (waitSeq.get(thread, -2) == seq - 1) {
            return 0; // satisfied at once: the event was already signaled
        }
        ArrayDeque<Set> sets = pending.get(event);
        if (sets == null) {
            return 0;
        }
        for (Set s : sets) {
            if (s.number == number) {
                long id = s.nextId++;
                if (--s.remaining == 0) {
                    sets.remove(s);
                    if (sets.isEmpty()) {
                        pending.remove(event);
                    }
                }
                return id;
            }
        }
        return 0;
    }
}
