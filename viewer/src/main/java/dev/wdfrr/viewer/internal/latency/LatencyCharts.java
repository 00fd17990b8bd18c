package dev.wdfrr.viewer.internal.latency;

import dev.wdfrr.tracer.Percentiles;
import dev.wdfrr.viewer.internal.model.LatencySamples;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.TimeFormat;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/**
 * The JFreeChart charts of one latency stage: its distribution (log-bucket histogram with the
 * CDF over it, percentiles in the title) and its latency over time (a decimated scatter).
 * Both are built from datasets of bounded size, never one item per event.
 */
public final class LatencyCharts {
    /** Points of the CDF line. */
    static final int CDF_POINTS = 400;
    /** Scatter cells: time × latency. */
    static final int SCATTER_X = 600;
    static final int SCATTER_Y = 150;

    private LatencyCharts() {
    }

    /** "n=39  p50 500ns  p90 500ns  p99 500ns  p99.9 500ns  max 500ns". */
    public static String percentileLine(LatencySamples s) {
        Percentiles p = s.percentiles();
        if (p.count() == 0) {
            return "no samples" + (s.unmatched() > 0 ? " (" + s.unmatched() + " unmatched)" : "");
        }
        return String.format(Locale.ROOT, "n=%d  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s", p.count(),
                TimeFormat.duration(p.p50()), TimeFormat.duration(p.p90()), TimeFormat.duration(p.p99()),
                TimeFormat.duration(p.p999()), TimeFormat.duration(p.max()));
    }

    /** Histogram (bars, left axis) and CDF (line, right axis) on one log latency axis. */
    public static JFreeChart distribution(LatencySamples s, ChartTheme theme) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(latencyAxis("latency"));
        plot.setRangeAxis(0, countAxis());
        plot.setDataset(0, histogramDataset(HistogramData.of(s)));
        XYBarRenderer bars = new XYBarRenderer(0.08);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ChartTheme.DATA);
        plot.setRenderer(0, bars);
        NumberAxis cdfAxis = new NumberAxis("CDF");
        cdfAxis.setRange(0, 1.0001);
        plot.setRangeAxis(1, cdfAxis);
        plot.setDataset(1, cdfDataset(CdfData.of(s, CDF_POINTS)));
        plot.mapDatasetToRangeAxis(1, 1);
        XYStepRenderer line = new XYStepRenderer();
        line.setSeriesPaint(0, ChartTheme.CDF);
        line.setSeriesStroke(0, new BasicStroke(1.6f));
        plot.setRenderer(1, line);
        plot.setNoDataMessage("no samples");
        return titled(new JFreeChart(s.stage().label(), JFreeChart.DEFAULT_TITLE_FONT, plot, false), s, theme);
    }

    /** Latency over the trace's time; returns the chart with the sample behind each point. */
    public static Scatter scatter(TraceModel model, LatencySamples s, ChartTheme theme) {
        ScatterData data = ScatterData.of(model, s, SCATTER_X, SCATTER_Y);
        XYSeries series = new XYSeries("samples", false, true);
        for (int i = 0; i < data.size(); i++) {
            series.add(data.times()[i] / 1e6, LogBuckets.position(data.latencies()[i]), false);
        }
        XYPlot plot = new XYPlot();
        NumberAxis time = new NumberAxis("time (ms)");
        time.setAutoRangeIncludesZero(false);
        plot.setDomainAxis(time);
        plot.setRangeAxis(latencyAxis("latency"));
        plot.setDataset(new XYSeriesCollection(series));
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesShape(0, new Rectangle2D.Double(-1.5, -1.5, 3, 3));
        dots.setSeriesPaint(0, ChartTheme.DATA);
        plot.setRenderer(dots);
        plot.setNoDataMessage("no samples");
        JFreeChart chart = titled(new JFreeChart(s.stage().label() + " over time", JFreeChart.DEFAULT_TITLE_FONT, plot, false),
                s, theme);
        return new Scatter(chart, data);
    }

    /** A scatter chart and its data: item {@code i} of series 0 is sample {@code data.samples()[i]}. */
    public record Scatter(JFreeChart chart, ScatterData data) {
    }

    private static JFreeChart titled(JFreeChart chart, LatencySamples s, ChartTheme theme) {
        chart.addSubtitle(new TextTitle(percentileLine(s), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        theme.apply(chart);
        return chart;
    }

    /** An axis of {@link LogBuckets} positions, ticked at decades (at 1 and 3 × 10^k, or every bucket edge, when zoomed in). */
    static NumberAxis latencyAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        TickUnits units = new TickUnits();
        LatencyAxisFormat f = new LatencyAxisFormat();
        for (int step : new int[]{1, 5, 10, 20, 30, 50}) {
            units.add(new NumberTickUnit(step, f, step < 10 ? 0 : 4));
        }
        axis.setStandardTickUnits(units);
        axis.setAutoRangeIncludesZero(false);
        axis.setAutoRangeMinimumSize(4);
        return axis;
    }

    private static NumberAxis countAxis() {
        NumberAxis axis = new NumberAxis("samples");
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    static XYIntervalSeriesCollection histogramDataset(HistogramData h) {
        XYIntervalSeries bars = new XYIntervalSeries("samples per bucket");
        for (int b = 0; b < h.buckets(); b++) {
            if (h.count(b) > 0) {
                bars.add(b + 0.5, b, b + 1, h.count(b), 0, h.count(b));
            }
        }
        XYIntervalSeriesCollection c = new XYIntervalSeriesCollection();
        c.addSeries(bars);
        return c;
    }

    static XYSeriesCollection cdfDataset(CdfData cdf) {
        XYSeries line = new XYSeries("CDF", false, true);
        if (cdf.size() > 0) {
            line.add(LogBuckets.position(cdf.latencies()[0]), 0, false);
        }
        for (int i = 0; i < cdf.size(); i++) {
            line.add(LogBuckets.position(cdf.latencies()[i]), cdf.fractions()[i], false);
        }
        return new XYSeriesCollection(line);
    }
}
