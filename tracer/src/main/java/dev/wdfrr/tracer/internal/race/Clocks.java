package dev.wdfrr.tracer.internal.race;

import java.util.Arrays;

/**
 * Vector clocks as plain {@code int[]}, indexed by thread slot; a missing entry is 0. Every clock
 * allocated counts against one budget, so that a trace that asks for unbounded clocks (millions
 * of threads, say) stops the analysis with a note instead of exhausting memory.
 */
final class Clocks {
    static final int[] EMPTY = new int[0];

    private final long budget;
    private long used;

    /** @param budget entries, across every clock, the analysis may hold */
    Clocks(long budget) {
        this.budget = budget;
    }

    /** {@code into} joined with {@code from} (entry-wise maximum); may return a larger array. */
    int[] join(int[] into, int[] from) {
        if (from.length > into.length) {
            into = grow(into, from.length);
        }
        for (int i = 0; i < from.length; i++) {
            if (from[i] > into[i]) {
                into[i] = from[i];
            }
        }
        return into;
    }

    /** A copy of {@code c}. */
    int[] copy(int[] c) {
        charge(c.length);
        return c.clone();
    }

    /** {@code c} with room for {@code slot}. */
    int[] ensure(int[] c, int slot) {
        return slot < c.length ? c : grow(c, slot + 1);
    }

    private int[] grow(int[] c, int length) {
        int n = Math.max(length, Math.min(c.length * 2 + 4, length + 64));
        charge(n - c.length);
        return Arrays.copyOf(c, n);
    }

    private void charge(long entries) {
        used += entries;
        if (used > budget) {
            throw new BudgetExceeded("the race analysis would hold more than " + budget + " vector-clock entries");
        }
    }

    static int get(int[] c, int slot) {
        return slot < c.length ? c[slot] : 0;
    }

    /** Thrown when an input demands more than the analysis may hold; the analysis stops and says so. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
