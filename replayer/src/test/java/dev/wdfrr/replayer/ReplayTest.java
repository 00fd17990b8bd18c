package dev.wdfrr.replayer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import dev.wdfrr.runtime.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class ReplayTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"nic", "dma", "sensor", "usb-reset"})
    void deterministicRecordReplaysIdenticallyTwentyTimesInARow(String scenario) {
        Path trace = tmp.resolve(scenario);
        RunResult recorded = Fixtures.record(scenario, trace, RunConfig.builder().seed(5).durationNanos(2_000_000));
        assertThat(recorded.passed()).isTrue();
        for (int i = 0; i < 20; i++) {
            Path again = tmp.resolve(scenario + "-replay-" + i);
            ReplayResult r = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults().output(TraceWriter.create(again, false)));
            assertThat(r.reproduced()).as("%s run %d: %s", scenario, i, r.divergence()).isTrue();
            assertThat(r.events()).isEqualTo(recorded.events());
            assertThat(r.summary()).isEqualTo("replayed " + recorded.events() + " events: identical; outcome reproduced: passed");
            assertThat(TraceDiff.diff(trace, again, true).identical()).isTrue(); // timestamps included
        }
    }

    @Test
    void aLiveRecordingWithTwoWorkersAndInterruptsReplaysInTheSameEventOrder() {
        Path trace = tmp.resolve("live");
        RunResult recorded = Fixtures.record("nic", trace, RunConfig.builder().engine(EngineKind.LIVE).workers(2).cpus(2)
                .durationNanos(200_000_000L));
        assertThat(recorded.passed()).isTrue();
        Path again = tmp.resolve("live-replay");
        ReplayResult r = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults().output(TraceWriter.create(again, false)));
        assertThat(r.reproduced()).as(r.divergence()).isTrue();
        assertThat(r.events()).isEqualTo(recorded.events()).isGreaterThan(1000);
        assertThat(TraceDiff.diff(trace, again, false).identical()).isTrue();
    }

    @Test
    void aFailingRecordingReplaysToTheSameFailure() {
        Path trace = tmp.resolve("lost");
        RunResult recorded = null;
        for (long seed = 1; seed < 50; seed++) {
            recorded = Fixtures.record("lost-update", trace, RunConfig.builder().seed(seed));
            if (!recorded.passed()) {
                break;
            }
        }
        assertThat(recorded.failure()).isEqualTo(FailureKind.INVARIANT);
        for (int i = 0; i < 20; i++) {
            ReplayResult r = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults());
            assertThat(r.reproduced()).isTrue();
            assertThat(r.run().failure()).isEqualTo(FailureKind.INVARIANT);
            assertThat(r.run().message()).isEqualTo(recorded.message());
            assertThat(r.summary()).contains("outcome reproduced: invariant violated: invariant of lost-update violated");
        }
    }

    /** A recording stopped by Ctrl-C (closed cleanly, no run_end) replays every event it has, and stops there. */
    @ParameterizedTest
    @ValueSource(ints = {30, 200, 517})
    void aRecordingCutShortReplaysEveryRecordedEventAndSaysItWasCutShort(int kept) {
        dev.wdfrr.runtime.event.MemorySink all = new dev.wdfrr.runtime.event.MemorySink();
        Fixtures.run("nic", RunConfig.builder().seed(3).durationNanos(2_000_000).sink(all));
        assertThat(all.size()).isGreaterThan(kept);
        Path trace = tmp.resolve("cut-" + kept);
        all.copyTo(firstEvents(TraceWriter.create(trace, false), kept));
        ReplayResult r = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults());
        assertThat(r.reproduced()).as(r.divergence()).isTrue();
        assertThat(r.cutShort()).isTrue();
        assertThat(r.events()).isEqualTo(kept);
        assertThat(r.summary()).isEqualTo("all " + kept + " recorded events reproduced; the recording was cut short");
    }

    @Test
    void aCompleteRecordingIsNotCutShortAndAnExtraEventStillDiverges() {
        Path trace = tmp.resolve("whole");
        Fixtures.record("nic", trace, RunConfig.builder().seed(3).durationNanos(1_000_000));
        ReplayResult r = Replayer.replay(trace, Fixtures.BUILT_IN, Replayer.Options.defaults());
        assertThat(r.reproduced()).isTrue();
        assertThat(r.cutShort()).isFalse();
        assertThat(r.summary()).startsWith("replayed ");
    }

    /** Passes on the header and the first {@code n} events, then closes: a trace cut short cleanly. */
    private static dev.wdfrr.runtime.event.EventSink firstEvents(TraceWriter w, int n) {
        return new dev.wdfrr.runtime.event.EventSink() {
            @Override
            public void begin(dev.wdfrr.runtime.RunInfo info) {
                w.begin(info);
            }

            @Override
            public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
                if (seq < n) {
                    w.event(seq, time, type, thread, cpu, irql, object, related, arg);
                }
            }

            @Override
            public void name(long seq, long time, int thread, dev.wdfrr.runtime.event.NameKind kind, int id, String text) {
                if (seq < n) {
                    w.name(seq, time, thread, kind, id, text);
                }
            }

            @Override
            public void close() {
                w.close();
            }
        };
    }

    @Test
    void aChangedScenarioDivergesWithinBoundedTime() {
        Path trace = tmp.resolve("nic");
        Fixtures.record("nic", trace, RunConfig.builder().seed(2).durationNanos(1_000_000));
        // "The code changed": the packets arrive at half the rate, so the device runs dry early.
        long t0 = System.nanoTime();
        ReplayResult r = Replayer.replay(trace, h -> new ChangedScenario(
                dev.wdfrr.scenarios.BuiltInScenarios.create("nic").orElseThrow(), Map.of("rate", "10000")),
                Replayer.Options.defaults());
        assertThat(r.reproduced()).isFalse();
        assertThat(r.divergence()).startsWith("event #").contains("expected", "preceding events:");
        assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L);
        // A different driver altogether (the DMA one, taking the NIC's parameters) diverges at once.
        ReplayResult other = Replayer.replay(trace, h -> new ChangedScenario(
                dev.wdfrr.scenarios.BuiltInScenarios.create("dma").orElseThrow(), Map.of()) {
            @Override
            public java.util.List<dev.wdfrr.runtime.ScenarioParameter> parameters() {
                return dev.wdfrr.scenarios.BuiltInScenarios.create("nic").orElseThrow().parameters();
            }

            @Override
            public void run(dev.wdfrr.runtime.WdfRuntime rt, dev.wdfrr.runtime.Parameters params) throws Exception {
                Scenario dma = dev.wdfrr.scenarios.BuiltInScenarios.create("dma").orElseThrow();
                dma.run(rt, dev.wdfrr.runtime.Parameters.of(dma, Map.of()));
            }
        }, Replayer.Options.defaults());
        assertThat(other.reproduced()).isFalse();
        assertThat(other.divergenceIndex()).isLessThan(30);
    }
}
