package dev.wdfrr.bench;

import dev.wdfrr.runtime.engine.CarrierPool;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.replayer.strategy.PctStrategy;
import dev.wdfrr.scenarios.BuiltInScenarios;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exploring {@code lost-update}: schedules per second on two cores (two benchmark threads, as
 * the explorer runs), each schedule a full deterministic run with a fresh PCT strategy and an
 * in-memory trace. Baseline, same run: the same schedules on fresh platform threads instead of
 * pooled carriers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class ExploreBenchmark {
    /** Per benchmark thread: its carrier pool and schedule counter. */
    @State(Scope.Thread)
    public static class Lane {
        @Param({"pooled", "fresh-threads"})
        public String threads;
        final CarrierPool pool = new CarrierPool("bench-explore");
        long schedule;
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public int lostUpdateSchedules(Lane lane) {
        int failed = 0;
        for (int i = 0; i < 10; i++) {
            Scenario s = BuiltInScenarios.create("lost-update").orElseThrow();
            RunConfig.Builder b = RunConfig.builder().strategy(new PctStrategy(lane.schedule++, 3, 130)).sink(new MemorySink());
            if (lane.threads.equals("pooled")) {
                b.carriers(lane.pool);
            }
            failed += WdfRunner.run(s, Parameters.of(s, Map.of()), b.build()).passed() ? 0 : 1;
        }
        return failed;
    }
}
