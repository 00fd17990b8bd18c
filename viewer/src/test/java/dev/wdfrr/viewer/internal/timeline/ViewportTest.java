package dev.wdfrr.viewer.internal.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ViewportTest {
    @Test
    void zoomKeepsTheAnchorWhereItIsOnScreen() {
        Viewport v = new Viewport(0, 1_000_000);
        v.show(0, 1000);
        double x = v.xAt(250, 800);
        v.zoom(0.5, 250);
        assertThat(v.width()).isCloseTo(500, within(1e-9));
        assertThat(v.xAt(250, 800)).isCloseTo(x, within(1e-9));
        assertThat(v.timeAt(x, 800)).isCloseTo(250, within(1e-9));
    }

    @Test
    void zoomStopsAtTheNarrowestAndWidestRanges() {
        Viewport v = new Viewport(0, 1000);
        for (int i = 0; i < 100; i++) {
            v.zoom(0.5, 500);
        }
        assertThat(v.width()).isEqualTo(Viewport.MIN_WIDTH);
        for (int i = 0; i < 100; i++) {
            v.zoom(2, 500);
        }
        assertThat(v.width()).isEqualTo(4000);
    }

    @Test
    void panningStopsHalfAScreenBeyondTheData() {
        Viewport v = new Viewport(0, 10_000);
        v.show(0, 1000);
        v.pan(1e9);
        assertThat(v.start()).isEqualTo(10_000 - 500);
        v.pan(-1e9);
        assertThat(v.start()).isEqualTo(-500);
    }

    @Test
    void fitLeavesAMarginAndRevealCentresOnlyWhenOffScreen() {
        Viewport v = new Viewport(0, 1_000_000);
        v.fit(1000, 2000);
        assertThat(v.start()).isCloseTo(900, within(1e-9));
        assertThat(v.end()).isCloseTo(2100, within(1e-9));
        v.reveal(1500);
        assertThat(v.start()).isCloseTo(900, within(1e-9));
        v.reveal(500_000);
        assertThat((v.start() + v.end()) / 2).isCloseTo(500_000, within(1e-6));
        v.fitAll();
        assertThat(v.start()).isLessThan(0);
        assertThat(v.end()).isGreaterThan(1_000_000);
    }
}
