package dev.wdfrr.viewer.internal.latency;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;

import java.awt.Color;
import java.awt.Font;

/** Light or dark colours for a chart, matching the window's theme (headless images are light). */
public enum ChartTheme {
    LIGHT(Color.WHITE, new Color(0xfafbfc), new Color(0x1f2328), new Color(0x57606a), new Color(0xd0d7de)),
    DARK(new Color(0x2b2d30), new Color(0x1e1f22), new Color(0xdfe1e5), new Color(0x9da0a6), new Color(0x3a3d42));

    /** Bars and points. */
    public static final Color DATA = new Color(0x4e79a7);
    /** The CDF line. */
    public static final Color CDF = new Color(0xe15759);

    private final Color background;
    private final Color plotBackground;
    private final Color text;
    private final Color muted;
    private final Color grid;

    ChartTheme(Color background, Color plotBackground, Color text, Color muted, Color grid) {
        this.background = background;
        this.plotBackground = plotBackground;
        this.text = text;
        this.muted = muted;
        this.grid = grid;
    }

    public static ChartTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    public Color background() {
        return background;
    }

    public Color text() {
        return text;
    }

    /** Applies the colours to a chart with an {@link XYPlot}. */
    public void apply(JFreeChart chart) {
        chart.setBackgroundPaint(background);
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            style(chart.getSubtitle(i), muted);
        }
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(text);
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(plotBackground);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setOutlinePaint(grid);
        plot.setNoDataMessagePaint(muted);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            style(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            style(plot.getRangeAxis(i));
        }
    }

    private void style(Axis axis) {
        if (axis != null) {
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(muted);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
        }
    }

    private static void style(Title t, Color c) {
        if (t instanceof TextTitle tt) {
            tt.setPaint(c);
        }
    }
}
