package dev.wdfrr.replayer.strategy;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Partial order sampling (Yuan, Yang and Gu, "Partial Order Aware Concurrency Sampling",
 * CAV 2018): every pending step gets a random priority and the enabled step with the highest
 * priority runs. A step keeps its priority until it runs, so unrelated threads are not
 * reshuffled at every step the way a random walk reshuffles them; the thread that ran gets a
 * fresh priority for its next step.
 *
 * <p>The dependency-aware variant ({@link #dependencyAware}) is the paper's POS proper: when a
 * step runs, every enabled step that conflicts with it ({@link Conflicts}: the same object, not
 * both reads) gets a fresh priority too, so the order of each pair of conflicting steps is
 * sampled anew. Steps on other objects keep theirs, and reordering them would only produce an
 * equivalent schedule. The plain variant knows no dependencies and resamples only the thread
 * that ran.
 */
public final class PosStrategy implements Strategy {
    private final long seed;
    private final boolean dependencyAware;
    private final SplittableRandom random;
    /** Times and CPUs (see {@link Strategy#choose}), drawn apart from the priorities. */
    private final SplittableRandom valueDraws;
    private double[] priority = new double[16];
    private boolean[] known = new boolean[16];
    private int last = -1;

    private PosStrategy(long seed, boolean dependencyAware) {
        this.seed = seed;
        this.dependencyAware = dependencyAware;
        this.random = new SplittableRandom(seed);
        this.valueDraws = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** POS without dependency information: only the thread that ran draws a new priority. */
    public static PosStrategy plain(long seed) {
        return new PosStrategy(seed, false);
    }

    /** POS that also redraws the priorities of the steps conflicting with the one that runs. */
    public static PosStrategy dependencyAware(long seed) {
        return new PosStrategy(seed, true);
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        if (last >= 0) {
            priority[last] = random.nextDouble(); // the thread that ran is at a new step
        }
        int n = enabled.size();
        int best = 0;
        for (int i = 0; i < n; i++) {
            int id = enabled.get(i).threadId();
            ensure(id);
            if (!known[id]) {
                known[id] = true;
                priority[id] = random.nextDouble();
            }
            if (priority[id] > priority[enabled.get(best).threadId()]) {
                best = i;
            }
        }
        ThreadView chosen = enabled.get(best);
        if (dependencyAware && n > 1) {
            for (int i = 0; i < n; i++) {
                ThreadView t = enabled.get(i);
                if (i != best && Conflicts.conflict(chosen, t)) {
                    priority[t.threadId()] = random.nextDouble();
                }
            }
        }
        last = chosen.threadId();
        return best;
    }

    private void ensure(int id) {
        if (id >= known.length) {
            int size = Math.max(id + 1, known.length * 2);
            known = Arrays.copyOf(known, size);
            priority = Arrays.copyOf(priority, size);
        }
    }

    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        return lo + valueDraws.nextLong(hi - lo + 1);
    }

    @Override
    public String describe() {
        return (dependencyAware ? "pos-dep" : "pos") + "(seed=" + seed + ")";
    }
}
