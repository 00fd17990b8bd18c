package dev.wdfrr.viewer.internal.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The level-of-detail index against brute force: exact counts and maxima at every zoom. */
@Timeout(60)
class LevelOfDetailTest {
    private final Random random = new Random(42);

    /** A track of {@code n} spans with random gaps and lengths (some long), the last one open. */
    private LaneTrack randomLane(int n) {
        LaneTrack lane = new LaneTrack();
        long t = 1000;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(4) == 0 ? 0 : random.nextInt(500); // equal starts happen too
            lane.add(t);
            long d = random.nextInt(50) == 0 ? 20_000 + random.nextInt(100_000) : random.nextInt(300);
            if (i < n - 1) {
                lane.close(i, t + d);
            }
        }
        return lane;
    }

    @Test
    void binsCountEverySpanStartingInThemAndKnowTheLongestAtEveryZoom() {
        LaneTrack lane = randomLane(20_000);
        long first = lane.start(0);
        long last = lane.start(lane.spanCount() - 1);
        for (double width = 0.5; width < 1e9; width *= 3.7) {
            for (int trial = 0; trial < 3; trial++) {
                double from = first - 5000 + random.nextDouble() * (last - first);
                int bins = 1 + random.nextInt(400);
                checkAgainstBruteForce(lane, from, width, bins);
            }
        }
        checkAgainstBruteForce(lane, first - 1, (last - first + 2) / 1600.0, 1600); // the whole lane
    }

    private static void checkAgainstBruteForce(LaneTrack lane, double from, double width, int bins) {
        LaneBins b = LaneBins.of(lane, from, width, bins);
        int total = 0;
        for (int i = 0; i < bins; i++) {
            double lo = from + i * width;
            double hi = from + (i + 1) * width;
            int count = 0;
            int longest = -1;
            for (int s = 0; s < lane.spanCount(); s++) {
                if (lane.start(s) >= lo && lane.start(s) < hi) {
                    count++;
                    if (lane.length(s) >= 0 && (longest < 0 || lane.length(s) > lane.length(longest))) {
                        longest = s;
                    }
                }
            }
            assertThat(b.count(i)).as("count of bin %d, width %s", i, width).isEqualTo(count);
            assertThat(b.longest(i)).as("longest of bin %d, width %s", i, width).isEqualTo(longest);
            assertThat(b.maxLength(i)).isEqualTo(longest < 0 ? -1 : lane.length(longest));
            total += count;
        }
        int before = 0;
        while (before < lane.spanCount() && lane.start(before) < from) {
            before++;
        }
        assertThat(b.before()).isEqualTo(before - 1);
        assertThat(b.after() - b.first(0)).isEqualTo(total);
    }

    @Test
    void rangeMaximaAreExactAsValuesGrowAndAreRaised() {
        LongChunks values = new LongChunks();
        ArgmaxPyramid p = new ArgmaxPyramid(values);
        for (int i = 0; i < 70_000; i++) {
            values.add(random.nextInt(10) == 0 ? -1 : random.nextInt(1_000_000));
            p.raised(i);
            if (i % 997 == 0) {
                int j = random.nextInt(i + 1);
                values.set(j, values.get(j) + random.nextInt(2_000_000));
                p.raised(j);
            }
            if (i % 5000 == 4999 || i < 2100 && i % 7 == 0) {
                for (int q = 0; q < 30; q++) {
                    int from = random.nextInt(i + 1);
                    int to = from + random.nextInt(i + 2 - from);
                    assertThat(p.argmax(from, to)).as("[%d, %d) of %d", from, to, i + 1).isEqualTo(bruteArgmax(values, from, to));
                }
            }
        }
        assertThat(p.argmax(5, 5)).isEqualTo(-1);
    }

    private static int bruteArgmax(LongChunks v, int from, int to) {
        int best = -1;
        for (int i = from; i < to; i++) {
            if (best < 0 || v.get(i) > v.get(best)) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void badBinsAreRefused() {
        assertThatThrownBy(() -> LaneBins.of(new LaneTrack(), 0, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive width");
    }

    @Test
    void chunkedColumnsGrowPastManyChunks() {
        IntChunks c = new IntChunks();
        int n = 3 * LongChunks.CHUNK + 17;
        for (int i = 0; i < n; i++) {
            assertThat(c.add(i * 3)).isEqualTo(i);
        }
        assertThat(c.size()).isEqualTo(n);
        assertThat(c.get(LongChunks.CHUNK)).isEqualTo(3 * LongChunks.CHUNK);
        assertThat(c.toArray()).hasSize(n).endsWith((n - 1) * 3);
        assertThatThrownBy(() -> c.set(n, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
