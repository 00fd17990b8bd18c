package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.latency.LatencyGrid;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.CauseKind;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.model.WhatLedHere;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The timeline of a whole trace as an image, under a header: the trace, then its outcome
 * (passed, or failed and why) and, along steps, what led to the failure and a key to the
 * arrows. What {@code wdfrr chart --kind timeline} writes.
 */
public final class TimelineImage {
    static final int LINE = 18;

    private TimelineImage() {
    }

    public static BufferedImage render(TraceModel model, Axis axis, int width, int height, TimelineStyle style) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(style.background());
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            WhatLedHere led = axis == Axis.STEP ? WhatLedHere.of(model) : WhatLedHere.NONE;
            int header = paintHeader(g, model, axis, led, style, width);
            g.translate(0, header);
            TimelinePainter painter = new TimelinePainter(model, style);
            painter.setAxis(axis);
            TimelineOverlay overlay = TimelineOverlay.NONE.withLedHere(led);
            TimelineLayout l = painter.paint(g, width, Math.max(1, height - header), Viewport.of(model, axis), overlay);
            paintSteps(g, model, led, style, l, height - header);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Draws the header lines; returns their height. */
    private static int paintHeader(Graphics2D g, TraceModel model, Axis axis, WhatLedHere led, TimelineStyle style, int width) {
        int y = LINE - 4;
        g.setColor(style.text());
        g.setFont(style.font().deriveFont(Font.BOLD, 12f));
        g.drawString(LatencyGrid.header(model), 8, y);
        y += LINE;
        String outcome = model.outcomeText();
        boolean passed = outcome.equals("passed");
        g.setColor(passed ? new Color(0x1a7f37) : style.violation());
        g.drawString(passed ? "PASSED" : outcome.startsWith("failed") ? "FAILED" + outcome.substring("failed".length()) : outcome, 8, y);
        g.setFont(style.font());
        if (!led.isEmpty()) {
            y += LINE;
            g.setColor(style.text());
            g.drawString("What led here (highlighted): " + led.summary(), 8, y);
        }
        if (axis == Axis.STEP) {
            y += LINE;
            paintKey(g, style, 8, y);
        }
        if (hasRequests(model)) {
            y += LINE;
            g.setColor(style.mutedText());
            g.drawString("requests: a bar from arrival to completion, its status at the end (on a short bar \u2713 success,"
                    + " \u2715 cancelled); hatched: cancelled; reaching the end: still pending", 8, y);
        }
        return y + 8;
    }

    /** Under the lanes, when there is room: the decisive steps as text, as the viewer's details show them. */
    private static void paintSteps(Graphics2D g, TraceModel model, WhatLedHere led, TimelineStyle style, TimelineLayout l,
                                   int height) {
        if (led.isEmpty()) {
            return;
        }
        String[] lines = led.describe(model).split("\n");
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        int step = g.getFontMetrics().getHeight();
        int y = l.laneTop(l.lanes().size()) + 12 + step;
        if (y + step * (lines.length - 1) > height) {
            return;
        }
        int widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, g.getFontMetrics().stringWidth(line));
        }
        g.setColor(style.background());
        g.fillRect(l.plotX() + 4, y - step, widest + 8, step * lines.length + 6);
        for (int i = 0; i < lines.length; i++) {
            g.setColor(i == 0 ? style.text() : style.mutedText());
            g.drawString(lines[i], l.plotX() + 8, y + i * step);
        }
    }

    private static boolean hasRequests(TraceModel model) {
        for (int i = 0, n = model.lanes().count(); i < n; i++) {
            if (model.lanes().get(i).isRequests()) {
                return true;
            }
        }
        return false;
    }

    /** "steps: one column per event · reg → value read · reg ← value written · arrows: …". */
    private static void paintKey(Graphics2D g, TimelineStyle style, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        x = text(g, fm, style.mutedText(), "one column per event (#seq above)   ", x, y);
        x = text(g, fm, style.read(), "reg/cell → value read   ", x, y);
        x = text(g, fm, style.write(), "reg/cell ← value written   ", x, y);
        x = text(g, fm, style.mutedText(), "arrows: ", x, y);
        for (CauseKind k : CauseKind.values()) {
            x = text(g, fm, style.arrow(k), "— " + k.label() + "   ", x, y);
        }
    }

    private static int text(Graphics2D g, FontMetrics fm, Color c, String s, int x, int y) {
        g.setColor(c);
        g.drawString(s, x, y);
        return x + fm.stringWidth(s);
    }
}
