package dev.wdfrr.runtime.engine;

import java.util.List;
import java.util.SplittableRandom;

/** Picks uniformly among the enabled threads from a seeded generator: same seed, same schedule. */
public final class RandomStrategy implements Strategy {
    private final long seed;
    private final SplittableRandom random;

    public RandomStrategy(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        return enabled.size() == 1 ? 0 : random.nextInt(enabled.size());
    }

    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        return lo + random.nextLong(hi - lo + 1);
    }

    @Override
    public String describe() {
        return "random(seed=" + seed + ")";
    }
}
