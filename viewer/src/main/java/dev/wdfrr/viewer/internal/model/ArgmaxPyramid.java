package dev.wdfrr.viewer.internal.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Range-maximum queries over a growing column of longs: which index in {@code [from, to)} holds
 * the largest value. Level k keeps, per block of 32^k values, the index of its maximum, so a
 * query reads at most 2 × 31 entries per level and the index adds one int per 32 values. Ties
 * go to the lower index. Values may only be appended or raised (an open span's duration
 * becoming known), which is what lets an update touch one path of blocks, and stop as soon as
 * the value is not the maximum of its block.
 */
public final class ArgmaxPyramid {
    private static final int SHIFT = 5;
    private static final int FAN_MASK = (1 << SHIFT) - 1;

    private final LongChunks values;
    /** levels.get(k - 1) is level k. */
    private final List<IntChunks> levels = new ArrayList<>();

    public ArgmaxPyramid(LongChunks values) {
        this.values = values;
    }

    /** Call after appending a value. */
    public void appended(int i) {
        update(i);
    }

    /** Call after raising value {@code i}. */
    public void raised(int i) {
        update(i);
    }

    private void update(int i) {
        for (int k = 1; ; k++) {
            if (k > levels.size()) {
                if (values.size() <= 1L << (SHIFT * k)) {
                    return; // the top level has at most one block's worth of entries: a query scans it
                }
                levels.add(buildLevel(k));
                continue;
            }
            IntChunks level = levels.get(k - 1);
            int block = i >>> (SHIFT * k);
            if (block == level.size()) {
                level.add(i);
                continue;
            }
            int current = level.get(block);
            if (current != i) {
                if (!better(i, current)) {
                    return; // not the maximum of its block, so of no block above it either
                }
                level.set(block, i);
            }
        }
    }

    /** A new top level, built from the level below it (which has just outgrown one block). */
    private IntChunks buildLevel(int k) {
        IntChunks level = new IntChunks();
        int blocks = (values.size() - 1 >>> (SHIFT * k)) + 1;
        for (int b = 0; b < blocks; b++) {
            int from = b << SHIFT;
            int to = Math.min(from + (1 << SHIFT), entries(k - 1));
            int best = -1;
            for (int j = from; j < to; j++) {
                best = pick(best, element(k - 1, j));
            }
            level.add(best);
        }
        return level;
    }

    private int entries(int level) {
        return level == 0 ? values.size() : levels.get(level - 1).size();
    }

    private int element(int level, int j) {
        return level == 0 ? j : levels.get(level - 1).get(j);
    }

    private boolean better(int candidate, int current) {
        long a = values.get(candidate);
        long b = values.get(current);
        return a > b || a == b && candidate < current;
    }

    private int pick(int best, int candidate) {
        return best < 0 || better(candidate, best) ? candidate : best;
    }

    /** The index of the largest value in {@code [from, to)}, or -1 when the range is empty. */
    public int argmax(int from, int to) {
        int best = -1;
        int lo = Math.max(0, from);
        int hi = Math.min(to, values.size());
        for (int level = 0; lo < hi; level++) {
            if (level == levels.size()) {
                for (int j = lo; j < hi; j++) {
                    best = pick(best, element(level, j));
                }
                break;
            }
            while (lo < hi && (lo & FAN_MASK) != 0) {
                best = pick(best, element(level, lo++));
            }
            while (lo < hi && (hi & FAN_MASK) != 0) {
                best = pick(best, element(level, --hi));
            }
            lo >>>= SHIFT;
            hi >>>= SHIFT;
        }
        return best;
    }

    long allocatedBytes() {
        long n = 0;
        for (IntChunks l : levels) {
            n += l.allocatedBytes();
        }
        return n;
    }
}
