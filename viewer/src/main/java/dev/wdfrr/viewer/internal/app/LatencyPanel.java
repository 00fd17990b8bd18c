package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.Percentiles;
import dev.wdfrr.viewer.internal.latency.ChartTheme;
import dev.wdfrr.viewer.internal.latency.LatencyCharts;
import dev.wdfrr.viewer.internal.model.LatencySamples;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.Selection;
import dev.wdfrr.viewer.internal.timeline.TimeFormat;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.XYItemEntity;

import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.table.AbstractTableModel;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.util.function.BooleanSupplier;

/**
 * Latency per stage: a percentile table of every stage on top; below, the selected stage's
 * distribution (log-bucket histogram and CDF) and its latency over time. Clicking a point of
 * the scatter selects that sample's span in the timeline.
 */
final class LatencyPanel extends JPanel {
    private final TraceModel model;
    private final Selection selection;
    private final BooleanSupplier dark;
    private final PercentileTable percentiles = new PercentileTable();
    private final JTable table = new JTable(percentiles);
    private final ChartPanel distribution = chartPanel();
    private final ChartPanel scatter = chartPanel();
    private LatencyStage stage = LatencyStage.INTERRUPT_TO_CALLBACK_END;
    private LatencyCharts.Scatter scatterChart;

    LatencyPanel(TraceModel model, Selection selection, BooleanSupplier dark) {
        super(new BorderLayout());
        this.model = model;
        this.selection = selection;
        this.dark = dark;
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getColumnModel().getColumn(0).setPreferredWidth(220);
        table.setPreferredScrollableViewportSize(new Dimension(600, table.getRowHeight() * LatencyStage.values().length));
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && table.getSelectedRow() >= 0 && table.getSelectedRow() != stage.ordinal()) {
                showStage(LatencyStage.values()[table.getSelectedRow()]);
            }
        });
        scatter.addChartMouseListener(new ScatterClicks());
        JSplitPane charts = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, distribution, scatter);
        charts.setResizeWeight(0.5);
        add(new JScrollPane(table), BorderLayout.NORTH);
        add(charts, BorderLayout.CENTER);
        table.setRowSelectionInterval(stage.ordinal(), stage.ordinal());
        refresh();
    }

    private static ChartPanel chartPanel() {
        ChartPanel p = new ChartPanel(null, 400, 260, 200, 150, 4000, 3000, true, true, true, true, true, true);
        p.setMouseWheelEnabled(true);
        return p;
    }

    void showStage(LatencyStage s) {
        stage = s;
        refresh();
    }

    LatencyStage stage() {
        return stage;
    }

    /** Rebuilds the table and the charts (after following added samples, or a theme change). */
    void refresh() {
        percentiles.fireTableRowsUpdated(0, percentiles.getRowCount() - 1); // keeps the selected row
        if (table.getSelectedRow() != stage.ordinal()) {
            table.setRowSelectionInterval(stage.ordinal(), stage.ordinal());
        }
        ChartTheme theme = ChartTheme.of(dark.getAsBoolean());
        LatencySamples samples = model.latency().stage(stage);
        distribution.setChart(LatencyCharts.distribution(samples, theme));
        scatterChart = LatencyCharts.scatter(model, samples, theme);
        scatter.setChart(scatterChart.chart());
    }

    /** The distribution chart shown (for export). */
    JFreeChart distributionChart() {
        return distribution.getChart();
    }

    /** Selects the span behind item {@code item} of the scatter: what a click on that point does. */
    void selectScatterItem(int item) {
        int sample = scatterChart.data().samples()[item];
        int row = model.latency().stage(stage).endRow(sample);
        int span = model.spanOfEvent(row);
        selection.select(span >= 0 ? model.spans().startRow(span) : row, span, this);
    }

    ChartPanel scatterPanel() {
        return scatter;
    }

    LatencyCharts.Scatter scatterChart() {
        return scatterChart;
    }

    private final class ScatterClicks implements ChartMouseListener {
        @Override
        public void chartMouseClicked(ChartMouseEvent e) {
            if (e.getEntity() instanceof XYItemEntity item && item.getSeriesIndex() == 0) {
                selectScatterItem(item.getItem());
            }
        }

        @Override
        public void chartMouseMoved(ChartMouseEvent e) {
            // nothing on hover; the tooltip shows the value
        }
    }

    /** Count, percentiles, max and unmatched per stage. */
    private final class PercentileTable extends AbstractTableModel {
        private final String[] columns = {"stage", "count", "p50", "p90", "p99", "p99.9", "max", "unmatched"};

        @Override
        public int getRowCount() {
            return LatencyStage.values().length;
        }

        @Override
        public int getColumnCount() {
            return columns.length;
        }

        @Override
        public String getColumnName(int c) {
            return columns[c];
        }

        @Override
        public Object getValueAt(int r, int c) {
            LatencySamples s = model.latency().stage(LatencyStage.values()[r]);
            Percentiles p = s.percentiles();
            return switch (c) {
                case 0 -> s.stage().label();
                case 1 -> Long.toString(p.count());
                case 2 -> p.count() == 0 ? "-" : TimeFormat.duration(p.p50());
                case 3 -> p.count() == 0 ? "-" : TimeFormat.duration(p.p90());
                case 4 -> p.count() == 0 ? "-" : TimeFormat.duration(p.p99());
                case 5 -> p.count() == 0 ? "-" : TimeFormat.duration(p.p999());
                case 6 -> p.count() == 0 ? "-" : TimeFormat.duration(p.max());
                default -> Long.toString(s.unmatched());
            };
        }
    }
}
