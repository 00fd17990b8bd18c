package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first excerpt of every trace: the format version and everything needed to re-run the
 * recorded run.
 *
 * @param formatMajor readers reject a major version they do not know
 * @param formatMinor readers accept any minor version of a major they know
 * @param arrivalLimit cap on arrivals per device the run had (a shrunk schedule), or -1
 * @param assertions   whether Java assertions were enabled for the scenario's code (false in traces before format x.1)
 * @param callSites    whether the run recorded call sites (false in traces before format x.1)
 */
public record TraceHeader(int formatMajor, int formatMinor, String wdfrrVersion, String scenarioId,
                          String scenarioClass, Map<String, String> parameters, EngineKind engine, long seed,
                          String strategy, int workers, int cpus, long durationNanos, long startEpochMillis,
                          String jvm, String os, long arrivalLimit, boolean assertions,
                          boolean callSites) {
    public TraceHeader {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    static TraceHeader of(RunInfo info, int major, int minor) {
        return new TraceHeader(major, minor, info.wdfrrVersion(), info.scenarioId(), info.scenarioClass(),
                info.parameters(), info.engine(), info.seed(), info.strategy(), info.workers(), info.cpus(),
                info.durationNanos(), info.startEpochMillis(), info.jvm(), info.os(), info.arrivalLimit(), info.assertions(),
                info.callSites());
    }

    /** The header as the runtime's run description. */
    public RunInfo toRunInfo() {
        return new RunInfo(wdfrrVersion, scenarioId, scenarioClass, parameters, engine, seed, strategy, workers, cpus,
                durationNanos, startEpochMillis, jvm, os, arrivalLimit, assertions, callSites);
    }
}
