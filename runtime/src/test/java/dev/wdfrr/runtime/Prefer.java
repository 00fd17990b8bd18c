package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.List;

/**
 * Test strategy: runs the first enabled thread whose name starts with one of the given prefixes,
 * in that order of preference; value choices (times within windows, CPUs) are the earliest unless
 * {@link #choosing} lists them.
 */
final class Prefer implements Strategy {
    private final String[] order;
    private final long[] choices;
    private int nextChoice;

    Prefer(String... order) {
        this(new long[0], order);
    }

    private Prefer(long[] choices, String... order) {
        this.order = order;
        this.choices = choices;
    }

    /** The same preference, making these value choices in order (clamped to their range), then the earliest. */
    Prefer choosing(long... values) {
        return new Prefer(values, order);
    }

    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        if (nextChoice < choices.length) {
            return Math.max(lo, Math.min(hi, choices[nextChoice++]));
        }
        return lo;
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        for (String prefix : order) {
            for (int i = 0; i < enabled.size(); i++) {
                if (enabled.get(i).threadName().startsWith(prefix)) {
                    return i;
                }
            }
        }
        return 0;
    }

    @Override
    public String describe() {
        return "prefer" + List.of(order);
    }
}
