package dev.wdfrr.viewer.internal.latency;

import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceStats;
import dev.wdfrr.viewer.TestTraces;
import dev.wdfrr.viewer.internal.model.LatencySamples;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The latency datasets and charts, headless. */
@Timeout(60)
class LatencyChartsTest {
    @TempDir
    Path tmp;

    @Test
    void theKnownTracesSamplesFallInTheirBuckets() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        int[][] expected = {{35, 300}, {40, 1000}, {37, 500}, {39, 900}, {46, 4000}, {48, 6000}};
        for (LatencyStage s : LatencyStage.values()) {
            HistogramData h = HistogramData.of(m.latency().stage(s));
            if (s.ordinal() >= expected.length) { // the request stages: no request in this trace
                assertThat(h.total()).as(s.label()).isZero();
                continue;
            }
            int bucket = expected[s.ordinal()][0];
            assertThat(h.count(bucket)).as(s.label()).isEqualTo(m.latency().stage(s).count());
            assertThat(h.total()).isEqualTo(h.count(bucket));
            assertThat(LogBuckets.index(expected[s.ordinal()][1])).isEqualTo(bucket);
        }
    }

    @Test
    void theDistributionChartHoldsTheBucketsTheCdfAndThePercentilesInItsTitle() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        JFreeChart c = LatencyCharts.distribution(m.latency().stage(LatencyStage.ISR_DURATION), ChartTheme.LIGHT);
        assertThat(c.getTitle().getText()).isEqualTo("ISR duration");
        assertThat(((TextTitle) c.getSubtitle(0)).getText()).isEqualTo("n=1  p50 300ns  p90 300ns  p99 300ns  p99.9 300ns  max 300ns");
        IntervalXYDataset bars = (IntervalXYDataset) c.getXYPlot().getDataset(0);
        assertThat(bars.getItemCount(0)).isEqualTo(1);
        assertThat(bars.getYValue(0, 0)).isEqualTo(1);
        assertThat(bars.getStartXValue(0, 0)).isEqualTo(35);
        assertThat(bars.getEndXValue(0, 0)).isEqualTo(36);
        XYDataset cdf = c.getXYPlot().getDataset(1);
        assertThat(cdf.getYValue(0, cdf.getItemCount(0) - 1)).isEqualTo(1.0);
        assertThat(cdf.getXValue(0, cdf.getItemCount(0) - 1)).isEqualTo(35);
    }

    @Test
    void histogramsCdfsAndPercentilesOfTheNicSampleAgreeWithStats() {
        TraceModel m = TraceLoader.read(TestTraces.sample("nic"));
        TraceStats stats;
        try (TraceReader r = TraceReader.open(TestTraces.sample("nic"))) {
            stats = TraceStats.of(r);
        }
        for (LatencyStage s : LatencyStage.values()) {
            LatencySamples samples = m.latency().stage(s);
            HistogramData h = HistogramData.of(samples);
            assertThat(h.total()).as(s.label()).isEqualTo(stats.latency(s).count());
            long[] sorted = samples.sortedDurations();
            for (int b = 0; b < h.buckets(); b++) {
                long inBucket = 0;
                for (long d : sorted) {
                    inBucket += LogBuckets.index(d) == b ? 1 : 0;
                }
                assertThat(h.count(b)).as("%s bucket %d", s.label(), b).isEqualTo(inBucket);
            }
            CdfData cdf = CdfData.of(samples, 10);
            if (samples.count() == 0) { // the request stages: the NIC has no I/O requests
                assertThat(cdf.size()).as(s.label()).isZero();
                continue;
            }
            assertThat(cdf.latencies()[cdf.size() - 1]).isEqualTo(stats.latency(s).max());
            assertThat(cdf.fractions()[cdf.size() - 1]).isEqualTo(1.0);
            assertThat(LatencyCharts.percentileLine(samples)).contains("n=" + stats.latency(s).count());
        }
        // callback durations in the NIC sample: 2 µs, and 4 µs when a callback drained two packets
        assertThat(LatencyCharts.percentileLine(m.latency().stage(LatencyStage.CALLBACK_DURATION)))
                .isEqualTo("n=39  p50 2.00µs  p90 2.00µs  p99 4.00µs  p99.9 4.00µs  max 4.00µs");
    }

    @Test
    void theScatterKeepsOneRealSamplePerCellAndNeverMoreThanTheGrid() {
        TraceModel m = TraceLoader.read(TestTraces.sample("nic"));
        LatencySamples s = m.latency().stage(LatencyStage.INTERRUPT_TO_CALLBACK_END);
        ScatterData all = ScatterData.of(m, s, 10_000, 1000);
        assertThat(all.size()).isEqualTo(s.count());
        ScatterData few = ScatterData.of(m, s, 4, 2);
        assertThat(few.size()).isBetween(1, 8);
        for (int i = 0; i < few.size(); i++) {
            int sample = few.samples()[i];
            assertThat(few.latencies()[i]).isEqualTo(s.duration(sample));
            assertThat(few.times()[i]).isEqualTo(m.events().time(s.endRow(sample)));
        }
        LatencyCharts.Scatter chart = LatencyCharts.scatter(m, s, ChartTheme.DARK);
        assertThat(chart.chart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(chart.data().size());
    }

    @Test
    void theGridDrawsEveryStageIntoTheRequestedSize() {
        TraceModel m = TraceLoader.read(TestTraces.sample("sensor"));
        BufferedImage img = LatencyGrid.render(m, 900, 500, ChartTheme.LIGHT);
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(500);
        assertThat(LatencyGrid.header(m)).startsWith(TestTraces.sample("sensor") + " — sensor, deterministic engine, seed 1");
    }
}
