package dev.wdfrr.tracer.internal.race;

import java.util.HashMap;
import java.util.Map;

/**
 * Happens-before through one kernel event: a wait that a set satisfied is ordered after that
 * set and after every set since the event last became non-signaled (they all released into the
 * same signaled state). A clear, and a synchronization event's satisfied wait, start over. The
 * clock of a set is kept while waits it satisfied have yet to wake, and for the latest set.
 */
final class KernelEventClocks {
    private final boolean synchronization;
    private int[] sinceSignaled = Clocks.EMPTY;
    private int latest;
    private final Map<Integer, int[]> setClocks = new HashMap<>();
    private final Map<Integer, Long> pendingWakes = new HashMap<>();

    KernelEventClocks(boolean synchronization) {
        this.synchronization = synchronization;
    }

    void set(int number, long waitsSatisfied, int[] now, Clocks clocks) {
        sinceSignaled = sinceSignaled.length == 0 ? clocks.copy(now) : clocks.join(sinceSignaled, now);
        if (latest != 0 && !pendingWakes.containsKey(latest)) {
            setClocks.remove(latest);
        }
        latest = number;
        setClocks.put(number, clocks.copy(sinceSignaled));
        if (waitsSatisfied > 0) {
            pendingWakes.put(number, waitsSatisfied);
            if (synchronization) {
                sinceSignaled = Clocks.EMPTY; // the signal went to a waiter
            }
        }
    }

    void clear() {
        sinceSignaled = Clocks.EMPTY;
    }

    /** The clock a wait satisfied by set {@code number} acquires, or null when unknown (0: created signaled). */
    int[] wake(int number) {
        int[] c = setClocks.get(number);
        Long pending = pendingWakes.get(number);
        if (pending != null) {
            if (pending <= 1) {
                pendingWakes.remove(number);
                if (number != latest) {
                    setClocks.remove(number);
                }
            } else {
                pendingWakes.put(number, pending - 1);
            }
        } else if (synchronization && number == latest) {
            sinceSignaled = Clocks.EMPTY; // the wait consumed the signaled state
        }
        return c;
    }
}
