package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * The ruler over the lanes and its grid lines. Along time: ticks at 1, 2 or 5 × 10^k ns with
 * labels in ns, µs, ms or s. Along steps: ticks at 1, 2 or 5 × 10^k steps, each labelled with
 * the event number (#seq, as dump and the events table show it) of its column; when the columns
 * are wide, a faint line between every two.
 */
final class RulerPainter {
    /** Pixels between two labelled ticks, at least. */
    static final int TICK_SPACING = 110;
    /** Columns at least this wide get a separator each. */
    static final double COLUMN_LINES = 8;

    private RulerPainter() {
    }

    static void paint(Graphics2D g, TraceModel model, Axis axis, TimelineStyle style, TimelineLayout l, Viewport vp) {
        g.setColor(style.rulerBackground());
        g.fillRect(0, 0, l.width(), TimelineLayout.RULER_HEIGHT);
        double perPixel = vp.width() / l.plotWidth();
        if (axis == Axis.STEP) {
            paintColumns(g, style, l, vp, perPixel);
        }
        double step = TimeFormat.niceStep(perPixel * TICK_SPACING);
        FontMetrics fm = g.getFontMetrics();
        double magnitude = Math.max(Math.abs(vp.start()), Math.abs(vp.end()));
        for (double t = Math.ceil(vp.start() / step) * step; t <= vp.end(); t += step) {
            if (axis == Axis.STEP && (t < 0 || t >= model.steps().count())) {
                continue;
            }
            double at = axis == Axis.STEP ? t + 0.5 : t; // a step's tick marks the middle of its column
            int x = (int) Math.round(l.xAt(vp, at));
            g.setColor(style.grid());
            g.drawLine(x, TimelineLayout.RULER_HEIGHT, x, l.height());
            g.setColor(style.mutedText());
            g.drawLine(x, TimelineLayout.RULER_HEIGHT - 6, x, TimelineLayout.RULER_HEIGHT);
            String label = axis == Axis.STEP ? "#" + model.steps().row((int) t)
                    : TimeFormat.tick(Math.abs(t) < step / 2 ? 0 : t, step, magnitude);
            g.drawString(label, x + 3, TimelineLayout.RULER_HEIGHT - 6 - fm.getDescent());
        }
    }

    /** Faint separators between step columns, when they are wide enough to tell apart. */
    private static void paintColumns(Graphics2D g, TimelineStyle style, TimelineLayout l, Viewport vp, double perPixel) {
        if (1 / perPixel < COLUMN_LINES) {
            return;
        }
        g.setColor(style.grid());
        java.awt.Stroke before = g.getStroke();
        g.setStroke(DOTTED); // a grid to count steps by, under everything else
        for (double s = Math.ceil(vp.start()); s <= vp.end(); s++) {
            int x = (int) Math.round(l.xAt(vp, s));
            g.drawLine(x, TimelineLayout.RULER_HEIGHT, x, l.height());
        }
        g.setStroke(before);
    }

    private static final java.awt.BasicStroke DOTTED = new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[]{1f, 3f}, 0f);
}
