package dev.wdfrr.runtime;

import dev.wdfrr.runtime.internal.WdfRuntimeImpl;

/** Runs a scenario once on the configured engine and says how it ended. */
public final class WdfRunner {
    private WdfRunner() {
    }

    /**
     * Runs {@code scenario} with {@code params} under {@code config}. Blocks until the run ends:
     * it passed, failed, deadlocked, hit the step limit or stalled. Never hangs: a run that
     * makes no progress for the stall timeout is stopped.
     */
    public static RunResult run(Scenario scenario, Parameters params, RunConfig config) {
        return WdfRuntimeImpl.execute(scenario, params, config);
    }

    /** Runs with the scenario's default parameters. */
    public static RunResult run(Scenario scenario, RunConfig config) {
        return run(scenario, Parameters.of(scenario, java.util.Map.of()), config);
    }
}
