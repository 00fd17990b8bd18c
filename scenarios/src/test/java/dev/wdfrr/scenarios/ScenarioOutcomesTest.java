package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.EventType;
import dev.wdfrr.runtime.MemorySink;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ScenarioOutcomesTest {
    @Test
    void printOutcomes() {
        for (Scenario s : BuiltInScenarios.all()) {
            for (long seed = 1; seed <= 5; seed++) {
                MemorySink sink = new MemorySink();
                long t0 = System.nanoTime();
                RunResult r = WdfRunner.run(BuiltInScenarios.create(s.id()).orElseThrow(),
                        RunConfig.builder().seed(seed).sink(sink).build());
                System.out.printf("%s seed %d: %s events=%d steps=%d callbacks=%d %.1fms%n", s.id(), seed, r.summary(), r.events(), r.steps(),
                        sink.count(EventType.CALLBACK_START), (System.nanoTime() - t0) / 1e6);
            }
        }
        for (Scenario s : BuiltInScenarios.all()) {
            MemorySink sink = new MemorySink();
            long t0 = System.nanoTime();
            RunResult r = WdfRunner.run(BuiltInScenarios.create(s.id()).orElseThrow(),
                    RunConfig.builder().engine(EngineKind.LIVE).durationNanos(200_000_000L).sink(sink).build());
            System.out.printf("LIVE %s: %s events=%d callbacks=%d %.1fms%n", s.id(), r.summary(), r.events(),
                    sink.count(EventType.CALLBACK_START), (System.nanoTime() - t0) / 1e6);
        }
    }
}
