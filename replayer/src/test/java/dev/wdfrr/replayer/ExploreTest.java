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

    /**
     * A correct teardown raises no finding (wdf-semantics.md, "Delete"): contexts read in cleanup,
     * destroy and callbacks during a pending delete (FxObject::ProcessDestroy), per-use items
     * deleted from their own callbacks (FxObject::DeleteObject), reused items run down by their
     * device's removal (FxObject::DisposeChildrenWorker).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Strategies.Kind.class, names = {"RANDOM", "PCT"})
    void aCorrectTeardownHasNoFindingInAThousandSchedules_FxObjectDisposeChildrenWorker(Strategies.Kind kind) {
        Explorer.Result r = Explorer.explore(builtIn("teardown"), Map.of(), options(kind, 1_000, 1));
        assertThat(r.failure()).as("%s", r.failure() == null ? "" : r.failure().result().summary()).isNull();
        assertThat(r.schedules()).isEqualTo(1_000);
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

    @ParameterizedTest
    @ValueSource(strings = {"random", "pct", "pct-all", "pos", "pos-dep"})
    void everyStrategyFindsTheLostUpdateAndItsTraceReplays(String strategy) {
        Explorer.Result r = Explorer.explore(builtIn("lost-update"), Map.of(),
                options(Strategies.Kind.parse(strategy), 10_000, 1));
        assertThat(r.failure()).as("%s: no failure in %d schedules", strategy, r.schedules()).isNotNull();
        assertThat(r.failure().strategy()).startsWith(strategy + "(");
        Path trace = tmp.resolve(strategy);
        r.failure().events().copyTo(TraceWriter.create(trace, false));
        ReplayResult replay = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults());
        assertThat(replay.reproduced()).as(replay.divergence()).isTrue();
    }

    @Test
    void keepGoingRunsTheWholeBudgetAndGroupsTheSameWayWhateverTheThreadCount() {
        Explorer.Result one = Explorer.explore(builtIn("lost-update"), Map.of(),
                new Explorer.Options(Strategies.Kind.RANDOM, 3, 300, RunConfig.builder().seed(4).build(), 1, ProgressListener.NONE)
                        .keepGoing(true));
        Explorer.Result two = Explorer.explore(builtIn("lost-update"), Map.of(), options(Strategies.Kind.RANDOM, 300, 4).keepGoing(true));
        assertThat(one.schedules()).isEqualTo(300);
        assertThat(two.schedules()).isEqualTo(300);
        assertThat(one.failures()).isGreaterThan(1).isLessThan(300);
        assertThat(one.groups()).hasSize(1);
        FailureGroup g = one.groups().get(0);
        assertThat(g.signature()).isEqualTo("invariant violated: invariant of lost-update violated: "
                + "RX_TOTAL is N after N DPC runs: an update was lost");
        assertThat(g.count()).isEqualTo(one.failures());
        assertThat(g.first().schedule()).isEqualTo(one.failure().schedule());
        assertThat(two.groups()).extracting(FailureGroup::signature, FailureGroup::count, x -> x.first().schedule())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(g.signature(), g.count(), g.first().schedule()));
        assertThat(two.coverage()).isEqualTo(one.coverage());
        assertThat(one.coverage().schedules()).isEqualTo(300);
    }

    @Test
    void keepGoingTellsDifferentBugsApart() {
        // A scenario that fails in two ways, depending on which of two threads gets there first.
        Supplier<Scenario> twoBugs = () -> new TwoBugs();
        Explorer.Result r = Explorer.explore(twoBugs, Map.of(), options(Strategies.Kind.RANDOM, 200, 1).keepGoing(true));
        assertThat(r.groups()).extracting(FailureGroup::signature).containsExactlyInAnyOrder(
                "exception: the scenario threw java.lang.IllegalStateException: first bug, seen N times",
                "invariant violated: invariant of two-bugs violated: second bug");
        assertThat(r.failures()).isEqualTo(200);
        assertThat(r.groups().get(0).first().schedule()).isLessThan(r.groups().get(1).first().schedule());
    }

    @Test
    void coverageCountsInterleavingsOfConflictingStepsNotOfIndependentOnes() {
        // usb-reset has no race on shared state that matters; lost-update's DPCs race on one register.
        Explorer.Result clean = Explorer.explore(builtIn("lost-update"), Map.of(), options(Strategies.Kind.RANDOM, 200, 2).keepGoing(true));
        assertThat(clean.coverage().interleavings()).isGreaterThan(1).isLessThanOrEqualTo(200);
        Explorer.Result once = Explorer.explore(builtIn("lost-update"), Map.of(), options(Strategies.Kind.RANDOM, 1, 2));
        assertThat(once.coverage()).isEqualTo(new Coverage(1, 1, 1));
    }

    /** Fails with an exception when thread a runs first, with an invariant when b does. */
    static final class TwoBugs implements Scenario {
        private volatile String first;

        @Override
        public String id() {
            return "two-bugs";
        }

        @Override
        public String description() {
            return "two ways to fail";
        }

        @Override
        public void run(dev.wdfrr.runtime.WdfRuntime rt, dev.wdfrr.runtime.Parameters p) {
            for (String name : new String[]{"a", "b"}) {
                rt.startThread(name, () -> {
                    rt.mark(name, 0);
                    if (first == null) {
                        first = name;
                    }
                });
            }
            rt.awaitQuiescent();
            if ("a".equals(first)) {
                throw new IllegalStateException("first bug, seen " + 3 + " times");
            }
        }

        @Override
        public String checkInvariant() {
            return "b".equals(first) ? "second bug" : null;
        }
    }

    @Test
    void aFailureFoundInsideATimeWindowReplaysExactlyFromItsTrace() {
        Explorer.Result exact = Explorer.explore(NearTies::new, Map.of(), options(Strategies.Kind.RANDOM, 300, 1));
        assertThat(exact.failure()).as("1 ns apart at exact virtual time: never interleaved").isNull();
        RunConfig windowed = RunConfig.builder().seed(1).jitterNanos(2).build();
        Explorer.Result r = Explorer.explore(NearTies::new, Map.of(),
                new Explorer.Options(Strategies.Kind.RANDOM, 3, 300, windowed, 2, ProgressListener.NONE));
        assertThat(r.failure()).isNotNull();
        Path trace = tmp.resolve("near-ties");
        r.failure().events().copyTo(TraceWriter.create(trace, false));
        for (int i = 0; i < 5; i++) {
            ReplayResult replay = Replayer.replay(trace, h -> new NearTies(), Replayer.Options.defaults());
            assertThat(replay.reproduced()).as(replay.divergence()).isTrue();
            assertThat(replay.run().message()).isEqualTo(r.failure().result().message());
        }
    }

    /** Two threads wake 1 ns apart and add one to a register each, without a lock. */
    static final class NearTies implements Scenario {
        private long total = -1;

        @Override
        public String id() {
            return "near-ties";
        }

        @Override
        public String description() {
            return "two adders 1 ns apart";
        }

        @Override
        public void run(dev.wdfrr.runtime.WdfRuntime rt, dev.wdfrr.runtime.Parameters p) {
            dev.wdfrr.runtime.hw.VirtualDevice hw = rt.createVirtualDevice(dev.wdfrr.runtime.hw.VirtualDeviceConfig
                    .of("hw", new dev.wdfrr.runtime.hw.InterruptSource.Periodic(1_000), (d, i) -> { }).maxArrivals(0)
                    .registers("COUNT"));
            int count = hw.register("COUNT");
            for (int t = 0; t < 2; t++) {
                long delay = 1_000 + t;
                rt.startThread("adder-" + t, () -> {
                    rt.work(delay);
                    hw.write(count, hw.read(count) + 1);
                });
            }
            rt.awaitQuiescent();
            total = hw.read(count);
        }

        @Override
        public String checkInvariant() {
            return total == 2 ? null : "COUNT is " + total + " after two additions";
        }
    }
}
