package dev.wdfrr.replayer;

import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Regression replays: a saved failing schedule passes once the bug is fixed, and fails again when it comes back. */
@Timeout(300)
class GuidedReplayTest {
    @TempDir
    Path tmp;

    /** Three threads add one to a register; the buggy version reads and writes without the lock. */
    public static class Counter implements Scenario {
        final boolean locked;

        public Counter() {
            this(false);
        }

        Counter(boolean locked) {
            this.locked = locked;
        }

        private VirtualDevice hw;

        @Override
        public String id() {
            return "counter";
        }

        @Override
        public String description() {
            return "three adders";
        }

        @Override
        public String implementation() {
            return Counter.class.getName(); // the fixed code is "the same class, later"
        }

        @Override
        public void run(WdfRuntime rt, Parameters params) {
            WdfDevice d = rt.createDevice(DeviceConfig.named("d"));
            hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Periodic(1_000), (h, i) -> { })
                    .maxArrivals(0));
            WaitLock lock = rt.createWaitLock(d, "count-lock");
            for (int t = 0; t < 3; t++) {
                rt.startThread("adder-" + t, () -> {
                    if (locked) {
                        lock.acquire();
                    }
                    long v = hw.read(VirtualDevice.STATUS);
                    rt.work(100);
                    hw.write(VirtualDevice.STATUS, v + 1);
                    if (locked) {
                        lock.release();
                    }
                });
            }
            rt.awaitQuiescent();
            rt.removeDevice(d);
        }

        @Override
        public String checkInvariant() {
            long v = hw.read(VirtualDevice.STATUS);
            return v == 3 ? null : "the count is " + v + ", not 3";
        }
    }

    private Path savedFailure() {
        Explorer.Result r = Explorer.explore(() -> new Counter(false), Map.of(), new Explorer.Options(Strategies.Kind.PCT, 3, 1000,
                RunConfig.builder().seed(1).build(), 1, ProgressListener.NONE));
        assertThat(r.failure()).isNotNull();
        Path trace = tmp.resolve("failing");
        r.failure().events().copyTo(TraceWriter.create(trace, false));
        return trace;
    }

    private static GuidedReplay.Options options() {
        return new GuidedReplay.Options(Strategies.Kind.PCT, 3, 200, 1, ProgressListener.NONE);
    }

    @Test
    void unchangedCodeFollowsTheWholeRecordingAndFailsAsRecorded() {
        Path trace = savedFailure();
        GuidedReplay.Result r = GuidedReplay.run(trace, h -> new Counter(false), options());
        assertThat(r.followedToTheEnd()).as(r.divergence()).isTrue();
        assertThat(r.matched()).isEqualTo(r.recordedEvents());
        assertThat(r.schedules()).isEqualTo(1);
        assertThat(r.failure().result().failure()).isEqualTo(FailureKind.INVARIANT);
        assertThat(r.matchSummary()).startsWith("the recording matched " + String.format("%,d of %,d", r.matched(), r.matched()));
    }

    @Test
    void afterTheFixTheSavedScheduleDivergesAndEveryContinuationPassesUntilTheBugComesBack() {
        Path trace = savedFailure();
        GuidedReplay.Result fixed = GuidedReplay.run(trace, h -> new Counter(true), options());
        assertThat(fixed.failure()).as("the fixed code passes").isNull();
        assertThat(fixed.followedToTheEnd()).isFalse();
        assertThat(fixed.divergence()).startsWith("event #" + fixed.matched() + ": expected ");
        assertThat(fixed.matched()).isPositive().isLessThan(fixed.recordedEvents());
        assertThat(fixed.schedules()).isEqualTo(200);
        // A plain replay of the same trace just diverges: guide mode is what makes it a regression test.
        assertThat(Replayer.replay(trace, h -> new Counter(true), Replayer.Options.defaults()).reproduced()).isFalse();

        GuidedReplay.Result back = GuidedReplay.run(trace, h -> new Counter(false), options());
        assertThat(back.failure()).as("the bug is back").isNotNull();
        assertThat(back.failure().result().message()).contains("the count is");
    }

    @Test
    void aLiveRecordingCannotGuide() {
        Path live = tmp.resolve("live");
        dev.wdfrr.runtime.WdfRunner.run(new Counter(true), RunConfig.builder().engine(dev.wdfrr.runtime.EngineKind.LIVE)
                .sink(TraceWriter.create(live, false)).build());
        assertThatThrownBy(() -> GuidedReplay.run(live, h -> new Counter(true), options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was recorded live");
    }
}
