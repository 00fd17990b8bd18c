package dev.wdfrr.runtime;

import java.util.Map;

/**
 * What a trace header records about a run: enough to re-run it.
 *
 * @param scenarioId    the scenario's id, e.g. {@code nic}
 * @param scenarioClass the scenario's class name (replay loads it only from built-ins or an explicit classpath)
 * @param parameters    scenario parameters as given (defaults filled in)
 * @param strategy      the strategy's description, or {@code live}
 * @param startEpochMillis wall-clock start
 * @param arrivalLimit     cap on arrivals per virtual device, or -1 (see {@link RunConfig#arrivalLimit()})
 * @param assertions       whether Java assertions were enabled for the scenario's code
 *                         ({@link Scenario#assertionsEnabled()}); a replay enables them to match
 * @param callSites        whether the run recorded call sites ({@link RunConfig#callSites()}); a replay records them too
 */
public record RunInfo(String wdfrrVersion, String scenarioId, String scenarioClass,
                      Map<String, String> parameters, EngineKind engine, long seed, String strategy,
                      int workers, int cpus, long durationNanos, long startEpochMillis,
                      String jvm, String os, long arrivalLimit, boolean assertions, boolean callSites) {
    public RunInfo {
        parameters = Map.copyOf(parameters);
    }

    /** Assertions off. */
    public RunInfo(String wdfrrVersion, String scenarioId, String scenarioClass, Map<String, String> parameters,
                   EngineKind engine, long seed, String strategy, int workers, int cpus, long durationNanos,
                   long startEpochMillis, String jvm, String os, long arrivalLimit) {
        this(wdfrrVersion, scenarioId, scenarioClass, parameters, engine, seed, strategy, workers, cpus, durationNanos,
                startEpochMillis, jvm, os, arrivalLimit, false, false);
    }

    /** Without an arrival cap. */
    public RunInfo(String wdfrrVersion, String scenarioId, String scenarioClass, Map<String, String> parameters,
                   EngineKind engine, long seed, String strategy, int workers, int cpus, long durationNanos,
                   long startEpochMillis, String jvm, String os) {
        this(wdfrrVersion, scenarioId, scenarioClass, parameters, engine, seed, strategy, workers, cpus, durationNanos,
                startEpochMillis, jvm, os, -1, false, false);
    }
}
