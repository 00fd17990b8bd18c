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

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the schedule, sources and randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duration", paramLabel = "D",
            description = "How long interrupt sources run, e.g. 500us, 20ms, 2s (default: 2s live, 5ms deterministic).")
    String duration;

    @Option(names = "--workers", defaultValue = "2", description = "System worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--cpus", defaultValue = "2", description = "Virtual CPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--param", paramLabel = "K=V", description = "A scenario parameter; repeatable. See 'wdfrr scenarios -p'.")
    Map<String, String> params = new LinkedHashMap<>();

    EngineKind engineKind() {
        try {
            return EngineKind.parse(engine);
        } catch (IllegalArgumentException e) {
            throw new UserError("--engine: " + e.getMessage());
        }
    }

    RunConfig.Builder builder() {
        RunConfig.Builder b = RunConfig.builder().engine(engineKind()).seed(seed).workers(workers).cpus(cpus);
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
