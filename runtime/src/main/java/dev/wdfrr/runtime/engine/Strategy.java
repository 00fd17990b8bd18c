package dev.wdfrr.runtime.engine;

import java.util.List;

/**
 * Chooses which thread runs next under the deterministic engine. Called at every scheduling
 * point with the enabled threads in creation order (never empty). A strategy is stateful and
 * used for one run only: make a fresh one per iteration.
 */
public interface Strategy {
    /**
     * @param enabled threads that can run now, in creation order
     * @param step    number of scheduling decisions made so far in this run
     * @return index into {@code enabled}
     */
    int pick(List<? extends ThreadView> enabled, long step);

    /** A short description for trace headers, e.g. {@code random(seed=7)}. */
    String describe();
}
