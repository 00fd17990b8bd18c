package dev.wdfrr.viewer.internal.latency;

import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.TimeFormat;
import org.jfree.chart.JFreeChart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** All six stage distributions of a trace in one image: a header line, then a 3 × 2 grid. */
public final class LatencyGrid {
    static final int HEADER = 28;
    private static final int COLUMNS = 3;

    private LatencyGrid() {
    }

    public static BufferedImage render(TraceModel model, int width, int height, ChartTheme theme) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(theme.background());
            g.fillRect(0, 0, width, height);
            g.setColor(theme.text());
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(header(model), 10, HEADER - 9);
            paintGrid(g, model, width, height - HEADER, theme);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void paintGrid(Graphics2D g, TraceModel model, int width, int height, ChartTheme theme) {
        LatencyStage[] stages = LatencyStage.values();
        int rows = (stages.length + COLUMNS - 1) / COLUMNS;
        double cw = width / (double) COLUMNS;
        double ch = height / (double) rows;
        for (int i = 0; i < stages.length; i++) {
            JFreeChart chart = LatencyCharts.distribution(model.latency().stage(stages[i]), theme);
            chart.draw(g, new Rectangle2D.Double(i % COLUMNS * cw, HEADER + i / COLUMNS * ch, cw, ch));
        }
    }

    /**
     * "traces/nic — nic, deterministic engine, seed 1 — 1,052 events over 2.00ms": the duration is
     * the last event's time since the run started, as {@code record} and {@code stats} give it.
     */
    public static String header(TraceModel model) {
        TraceHeader h = model.header();
        return String.format(Locale.ROOT, "%s — %s, %s engine, seed %d — %,d events over %s%s", model.source(),
                h.scenarioId(), h.engine().name().toLowerCase(Locale.ROOT), h.seed(), model.eventCount(),
                TimeFormat.duration(model.lastTime()),
                model.truncationNote() != null ? " (" + model.truncationNote() + ")" : "");
    }
}
