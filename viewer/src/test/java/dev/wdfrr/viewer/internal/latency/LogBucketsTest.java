package dev.wdfrr.viewer.internal.latency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogBucketsTest {
    @Test
    void bucketsHaveRoundEdgesTenPerDecade() {
        assertThat(LogBuckets.index(0)).isEqualTo(LogBuckets.ZERO);
        assertThat(LogBuckets.index(1)).isEqualTo(10);
        assertThat(LogBuckets.index(299)).isEqualTo(34);
        assertThat(LogBuckets.index(300)).isEqualTo(35);
        assertThat(LogBuckets.lower(35)).isEqualTo(300);
        assertThat(LogBuckets.upper(35)).isEqualTo(400);
        assertThat(LogBuckets.upper(39)).isEqualTo(1000);
        assertThat(LogBuckets.label(41)).isEqualTo("1.2µs–1.5µs");
        assertThat(LogBuckets.label(LogBuckets.ZERO)).isEqualTo("0ns");
    }

    @Test
    void everyValueFallsInsideItsBucket() {
        for (long v = 1; v < 5_000_000_000_000L; v = v * 3 / 2 + 1) {
            int i = LogBuckets.index(v);
            assertThat(LogBuckets.lower(i)).as("%d", v).isLessThanOrEqualTo(v);
            assertThat(LogBuckets.upper(i)).as("%d", v).isGreaterThan(v);
        }
        assertThat(LogBuckets.index(Long.MAX_VALUE)).isGreaterThan(LogBuckets.index(1_000_000_000_000_000L));
    }

    @Test
    void positionsAreMonotonicAndDecadesLandOnMultiplesOfTen() {
        double previous = -1;
        for (long v = 0; v < 100_000; v += 7) {
            double p = LogBuckets.position(v);
            assertThat(p).isGreaterThan(previous);
            assertThat(LogBuckets.valueAt(p)).isCloseTo(v, within(1e-6 * Math.max(1, v)));
            previous = p;
        }
        assertThat(LogBuckets.position(1000)).isEqualTo(40);
        assertThat(new LatencyAxisFormat().format(40.0)).isEqualTo("1µs");
        assertThat(new LatencyAxisFormat().format(45.0)).isEqualTo("3µs");
        assertThat(new LatencyAxisFormat().format(9.0)).isEqualTo("0");
    }
}
