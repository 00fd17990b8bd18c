package dev.wdfrr.bench;

import dev.wdfrr.replayer.ReplayResult;
import dev.wdfrr.replayer.Replayer;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Replaying a live {@code nic} recording of about a million events, against the wall time of
 * the recording itself (the baseline, measured in the same run, printed by the setup). Targets:
 * replay ≤ 1.0× the recording's wall time and ≥ 250k events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", Jvm.O1, Jvm.O2, Jvm.O3, Jvm.O4, Jvm.O5, Jvm.O6, Jvm.E1, Jvm.E2, Jvm.E3, Jvm.E4, Jvm.NO_ANALYTICS})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ReplayBenchmark {
    @Param("3300ms")
    public String duration;

    Path dir;
    Path trace;
    long events;

    @Setup(Level.Trial)
    public void record() {
        dir = Files2.tempDir("wdfrr-bench-replay");
        trace = dir.resolve("live");
        Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
        long nanos = dev.wdfrr.runtime.Durations.parse(duration, "duration");
        long t0 = System.nanoTime();
        RunResult r = WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().engine(EngineKind.LIVE)
                .durationNanos(nanos).sink(TraceWriter.create(trace, false)).build());
        long wall = System.nanoTime() - t0;
        events = r.events();
        System.out.printf("%n# recording: %d events in %.1f ms of wall time (%s)%n", events, wall / 1e6, r.summary());
        LatencyLog.writeLine("replay-1M-live-nic", "recording-wall-ms", events, wall / 1_000_000);
    }

    @TearDown(Level.Trial)
    public void delete() {
        Files2.deleteTree(dir);
    }

    @Benchmark
    public long replay() {
        ReplayResult r = Replayer.replay(trace, h -> BuiltInScenarios.create(h.scenarioId()).orElseThrow(),
                Replayer.Options.defaults());
        if (!r.reproduced()) {
            throw new IllegalStateException(r.divergence());
        }
        return r.events();
    }
}
