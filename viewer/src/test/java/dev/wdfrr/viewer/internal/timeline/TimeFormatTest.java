package dev.wdfrr.viewer.internal.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeFormatTest {
    @Test
    void rulerStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(TimeFormat.niceStep(0.3)).isEqualTo(1);
        assertThat(TimeFormat.niceStep(1)).isEqualTo(1);
        assertThat(TimeFormat.niceStep(1.2)).isEqualTo(2);
        assertThat(TimeFormat.niceStep(3)).isEqualTo(5);
        assertThat(TimeFormat.niceStep(7)).isEqualTo(10);
        assertThat(TimeFormat.niceStep(130_000)).isEqualTo(200_000);
    }

    @Test
    void ticksUseTheUnitAndDecimalsTheStepNeeds() {
        assertThat(TimeFormat.tick(500, 100, 900)).isEqualTo("500ns");
        assertThat(TimeFormat.tick(41_800, 200, 42_000)).as("five digits of ns read better as µs").isEqualTo("41.8µs");
        assertThat(TimeFormat.tick(1_136_000, 1000, 1_140_000)).isEqualTo("1136µs");
        assertThat(TimeFormat.tick(20_000_000, 200_000, 21_000_000)).isEqualTo("20.0ms");
        assertThat(TimeFormat.tick(3_000_000_000.0, 1_000_000_000, 3e9)).isEqualTo("3s");
    }

    @Test
    void durationsHaveThreeSignificantDigits() {
        assertThat(TimeFormat.duration(500)).isEqualTo("500ns");
        assertThat(TimeFormat.duration(2000)).isEqualTo("2.00µs");
        assertThat(TimeFormat.duration(45_250)).isEqualTo("45.3µs");
        assertThat(TimeFormat.duration(12_345_678)).isEqualTo("12.3ms");
        assertThat(TimeFormat.micros(41_800)).isEqualTo("41.800µs");
    }
}
