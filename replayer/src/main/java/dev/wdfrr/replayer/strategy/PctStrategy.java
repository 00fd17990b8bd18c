package dev.wdfrr.replayer.strategy;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Probabilistic Concurrency Testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010):
 * each thread gets a random distinct priority when first seen; the highest-priority enabled
 * thread runs; at {@code depth - 1} change points, drawn uniformly from the first
 * {@code expectedSteps} steps, the running thread's priority drops below every initial one. A
 * bug of depth d is found with probability at least 1/(n·k^(d-1)) per run.
 *
 * <p>Which steps count: by default only those where two or more threads are enabled
 * ({@link Steps#CHOICES}, as Fray counts them), since a change point at a step with one
 * enabled thread changes nothing; k is then the number of such steps. {@link Steps#ALL} draws
 * them from every scheduling step, the first version's behaviour.
 */
public final class PctStrategy implements Strategy {
    /** Which scheduling steps change points are drawn from. */
    public enum Steps { CHOICES, ALL }

    private final long seed;
    private final int depth;
    private final Steps steps;
    private final SplittableRandom random;
    /** Times and CPUs (see {@link Strategy#choose}) are drawn apart, so they leave the priorities as they were. */
    private final SplittableRandom valueDraws;
    private final long[] changePoints;
    private int[] priority = new int[16];
    private boolean[] known = new boolean[16];
    private int nextLow = 0;
    private int changesMade;
    private long choices;

    /**
     * @param depth         bug depth d (at least 1): d - 1 priority change points
     * @param expectedSteps k, the number of steps change points are drawn from
     */
    public PctStrategy(long seed, int depth, long expectedSteps) {
        this(seed, depth, expectedSteps, Steps.CHOICES);
    }

    /**
     * @param depth         bug depth d (at least 1): d - 1 priority change points
     * @param expectedSteps k, the number of steps (of the kind {@code steps} counts) change points are drawn from
     */
    public PctStrategy(long seed, int depth, long expectedSteps, Steps steps) {
        if (depth < 1) {
            throw new IllegalArgumentException("PCT depth must be at least 1, got " + depth);
        }
        if (expectedSteps < 1) {
            throw new IllegalArgumentException("PCT expected steps must be positive, got " + expectedSteps);
        }
        this.seed = seed;
        this.depth = depth;
        this.steps = steps;
        this.random = new SplittableRandom(seed);
        this.valueDraws = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.changePoints = new long[depth - 1];
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = 1 + random.nextLong(expectedSteps);
        }
        Arrays.sort(changePoints);
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        for (ThreadView t : enabled) {
            assign(t.threadId());
        }
        int best = highest(enabled);
        long counted;
        if (steps == Steps.ALL) {
            counted = step;
        } else if (enabled.size() > 1) {
            counted = ++choices;
        } else {
            return best; // nothing to choose: not a step change points count
        }
        while (changesMade < changePoints.length && changePoints[changesMade] <= counted) {
            // The thread about to run is demoted below every initial priority; the next best runs now.
            priority[enabled.get(best).threadId()] = nextLow--;
            changesMade++;
            best = highest(enabled);
        }
        return best;
    }

    private int highest(List<? extends ThreadView> enabled) {
        int best = 0;
        for (int i = 1; i < enabled.size(); i++) {
            if (priority[enabled.get(i).threadId()] > priority[enabled.get(best).threadId()]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        return lo + valueDraws.nextLong(hi - lo + 1);
    }

    /** New threads get a random priority above all demoted ones: a random insertion keeps them distinct. */
    private void assign(int id) {
        if (id >= known.length) {
            int n = Math.max(id + 1, known.length * 2);
            known = Arrays.copyOf(known, n);
            priority = Arrays.copyOf(priority, n);
        }
        if (!known[id]) {
            known[id] = true;
            priority[id] = 1_000_000 + random.nextInt(1_000_000_000);
        }
    }

    @Override
    public String describe() {
        return (steps == Steps.ALL ? "pct-all" : "pct") + "(depth=" + depth + ", seed=" + seed + ")";
    }
}
