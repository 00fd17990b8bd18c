package dev.wdfrr.cli;

import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunConfig;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** How to run a scenario: the options {@code record} (and later {@code explore}) share. */
final class RunOptions {
    @Option(names = "--engine", defaultValue = "deterministic", paramLabel = "live|deterministic",
            description = "Engine: live (real threads) or deterministic (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--seed", description = "Seed for the schedule, sources and randomness (default: 1, or the @WdfTest's).")
    Long seed;

    @Option(names = "--duration", paramLabel = "D",
            description = "How long interrupt sources run, e.g. 500us, 20ms, 2s (default: 2s live, 5ms deterministic).")
    String duration;

    @Option(names = "--workers", description = "System worker threads (default: 2, or the @WdfTest's).")
    Integer workers;

    @Option(names = "--cpus", description = "Virtual CPUs (default: 2, or the @WdfTest's).")
    Integer cpus;

    @Option(names = "--param", paramLabel = "K=V", description = "A scenario parameter; repeatable. See 'wdfrr scenarios -p'.")
    Map<String, String> params = new LinkedHashMap<>();

    EngineKind engineKind() {
        try {
            return EngineKind.parse(engine);
        } catch (IllegalArgumentException e) {
            throw new UserError("--engine: " + e.getMessage());
        }
    }

    /** The seed given, else the test's, else 1. */
    long seed(ScenarioResolver.Resolved scenario) {
        return seed != null ? seed : Long.parseLong(scenario.setting("seed", "1"));
    }

    /** The run's configuration: options given, else the @WdfTest's settings, else the defaults. */
    RunConfig.Builder builder(ScenarioResolver.Resolved scenario) {
        RunConfig.Builder b = RunConfig.builder().engine(engineKind()).seed(seed(scenario))
                .workers(workers != null ? workers : Integer.parseInt(scenario.setting("workers", "2")))
                .cpus(cpus != null ? cpus : Integer.parseInt(scenario.setting("cpus", "2")));
        if (duration != null) {
            long nanos = Durations.parse(duration, "--duration");
            if (nanos <= 0) {
                throw new UserError("--duration must be positive, got " + duration);
            }
            b.durationNanos(nanos);
        }
        return b;
    }
}
