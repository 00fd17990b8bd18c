package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time window ({@link RunConfig#jitterNanos()}): steps due within D of each other may be
 * taken in either order; the chosen step happens at its own time and time never runs backwards.
 */
@Timeout(120)
class TimeWindowTest {
    /** Two threads wake 1 ns apart and each add one to a register without a lock. */
    private static void nearlySimultaneousAdders(WdfRuntime rt) {
        VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Periodic(1_000), (d, i) -> { })
                .maxArrivals(0).registers("COUNT"));
        int count = hw.register("COUNT");
        for (int t = 0; t < 2; t++) {
            long delay = 1_000 + t;
            rt.startThread("adder-" + t, () -> {
                rt.work(delay);
                hw.write(count, hw.read(count) + 1);
            });
        }
        rt.awaitQuiescent();
        if (hw.read(count) != 2) {
            throw new IllegalStateException("an update was lost");
        }
    }

    private static Scenarios.Recorded run(long seed, long jitter) {
        return Scenarios.run(RunConfig.builder().seed(seed).strategy(new RandomStrategy(seed)).jitterNanos(jitter),
                TimeWindowTest::nearlySimultaneousAdders);
    }

    @Test
    void withoutAWindowStepsDueOneNanosecondApartNeverInterleave() {
        for (long seed = 1; seed <= 200; seed++) {
            assertThat(run(seed, 0).result().passed()).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void aWindowLetsTheLaterStepOvertakeAndTheRaceShows() {
        int lost = 0;
        for (long seed = 1; seed <= 200; seed++) {
            lost += run(seed, 2).result().passed() ? 0 : 1;
        }
        assertThat(lost).isGreaterThan(0);
    }

    @Test
    void aStepTakenInsideTheWindowHappensAtItsOwnTimeAndTimeNeverRunsBackwards() {
        for (long seed = 1; seed <= 200; seed++) {
            Scenarios.Recorded r = run(seed, 2);
            long last = 0;
            for (Event e : r.events()) {
                assertThat(e.time()).as("seed %d, event %s", seed, e).isGreaterThanOrEqualTo(last);
                last = e.time();
                if (e.type() == EventType.REG_WRITE) {
                    assertThat(e.time()).as("an adder writes no earlier than it woke").isGreaterThanOrEqualTo(1_000);
                }
            }
            assertThat(r.result().endTimeNanos()).isLessThanOrEqualTo(1_001);
        }
    }

    @Test
    void theSameSeedAndWindowGiveTheSameEvents() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(run(seed, 2).events()).isEqualTo(run(seed, 2).events());
        }
    }

    @Test
    void aNegativeWindowIsAConfigurationError() {
        assertThatThrownBy(() -> RunConfig.builder().jitterNanos(-1).build()).isInstanceOf(ConfigurationException.class)
                .hasMessage("jitter must be 0 or more, got -1ns");
    }
}
