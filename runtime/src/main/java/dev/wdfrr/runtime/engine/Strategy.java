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

    /**
     * A value in [lo, hi] (lo &lt; hi) the run leaves to the schedule: the instant, within its
     * window, at which a timer expires or a PnP request arrives, or the CPU a timer expires on.
     * The run traces the value, so a replay can make the same choice. The default takes the
     * earliest; exploring strategies draw it.
     *
     * @param thread the thread that asks
     */
    default long choose(ThreadView thread, long lo, long hi) {
        return lo;
    }

    /** A short description for trace headers, e.g. {@code random(seed=7)}. */
    String describe();
}
