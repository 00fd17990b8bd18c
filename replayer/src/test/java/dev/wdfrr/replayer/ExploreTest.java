package dev.wdfrr.replayer;

import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceStats;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class ExploreTest {
    @TempDir
    Path tmp;

    static Supplier<Scenario> builtIn(String id) {
        return () -> BuiltInScenarios.create(id).orElseThrow();
    }

    static Explorer.Options options(Strategies.Kind kind, long iterations, long seed) {
        return new Explorer.Options(kind, 3, iterations, RunConfig.builder().seed(seed).stepLimit(1_000_000).build(), 2,
                ProgressListener.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lost-update", "stale-handle", "self-flush-hang"})
    void pctFindsEachBuggyScenariosFailureAndTheSavedTraceReplaysToItTwentyTimes(String id) {
        Explorer.Result r = Explorer.explore(builtIn(id), Map.of(), options(Strategies.Kind.PCT, 10_000, 1));
        assertThat(r.failure()).as("%s: no failure in %d schedules", id, r.schedules()).isNotNull();
        Path trace = tmp.resolve(id);
        r.failure().events().copyTo(TraceWriter.create(trace, false));
        for (int i = 0; i < 20; i++) {
            ReplayResult replay = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults());
            assertThat(replay.reproduced()).as(replay.divergence()).isTrue();
            assertThat(replay.run().failure()).isEqualTo(r.failure().result().failure());
            assertThat(replay.run().message()).isEqualTo(r.failure().result().message());
        }
    }

    @Test
    void theReportedFailureIsTheLowestNumberedOneWhateverTheThreadCount() {
        Explorer.Result one = Explorer.explore(builtIn("lost-update"), Map.of(),
                new Explorer.Options(Strategies.Kind.RANDOM, 3, 200, RunConfig.builder().seed(9).build(), 1, ProgressListener.NONE));
        Explorer.Result two = Explorer.explore(builtIn("lost-update"), Map.of(), options(Strategies.Kind.RANDOM, 200, 9));
        assertThat(one.failure()).isNotNull();
        assertThat(two.failure().schedule()).isEqualTo(one.failure().schedule());
        assertThat(two.failure().events().events()).isEqualTo(one.failure().events().events());
    }

    @Test
    void aCleanScenarioYieldsNoFailure() {
        Explorer.Result r = Explorer.explore(builtIn("usb-reset"), Map.of(), options(Strategies.Kind.PCT, 50, 1));
        assertThat(r.failure()).isNull();
        assertThat(r.schedules()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lost-update", "stale-handle", "self-flush-hang"})
    void theShrunkScheduleIsNoLongerAndStillFailsTheSameWay(String id) {
        Explorer.Result r = Explorer.explore(builtIn(id), Map.of(), options(Strategies.Kind.PCT, 10_000, 3));
        Explorer.Found f = r.failure();
        assertThat(f).isNotNull();
        Shrinker.Result s = Shrinker.shrink(builtIn(id), Map.of(), RunConfig.builder().seed(3).stepLimit(1_000_000).build(),
                () -> Strategies.create(Strategies.Kind.PCT, f.strategySeed(), 3, r.expectedSteps()), 500);
        assertThat(s.eventsAfter()).isLessThanOrEqualTo(s.eventsBefore());
        assertThat(s.preemptionsAfter()).isLessThanOrEqualTo(s.preemptionsBefore());
        assertThat(FailureSignature.of(s.result())).isEqualTo(FailureSignature.of(f.result()));
        Path trace = tmp.resolve(id + "-shrunk");
        s.events().copyTo(TraceWriter.create(trace, false));
        ReplayResult replay = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults());
        assertThat(replay.reproduced()).as(replay.divergence()).isTrue();
        assertThat(FailureSignature.of(replay.run())).isEqualTo(FailureSignature.of(f.result()));
        try (TraceReader tr = TraceReader.open(trace)) {
            assertThat(TraceStats.of(tr).outcome()).isNotEqualTo(FailureKind.NONE);
        }
    }
}
