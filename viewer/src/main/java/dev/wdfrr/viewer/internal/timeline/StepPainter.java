package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.viewer.internal.model.Access;
import dev.wdfrr.viewer.internal.model.CauseKind;
import dev.wdfrr.viewer.internal.model.EventColumns;
import dev.wdfrr.viewer.internal.model.Lane;
import dev.wdfrr.viewer.internal.model.StepIndex;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.model.WhatLedHere;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.CubicCurve2D;
import java.util.Arrays;

/**
 * What the step view adds to the lanes, once its columns are at least {@value #MIN_COLUMN}
 * pixels wide: a notch under the bar for every step a thread takes, the value of every register
 * or cell read ({@code reg2 → 0}, {@code total → 0}) and write ({@code reg2 ← 1}), lock and
 * kernel-event operations, causal arrows between threads (request, lock release → acquire, event
 * set → wait, write → read) and bands behind the steps that led to the failure. It looks only at the steps on screen: a frame's cost depends on its width.
 */
final class StepPainter {
    /** Narrowest column that gets notches, values and arrows. */
    static final double MIN_COLUMN = 3;
    private static final BasicStroke ARROW = new BasicStroke(1.3f);
    private static final BasicStroke OUTLINE = new BasicStroke(1.5f);

    private final TraceModel model;

    StepPainter(TraceModel model) {
        this.model = model;
    }

    /** Bands behind the decisive steps, across every lane; the failure's in the violation colour. */
    void paintHighlights(Graphics2D g, TimelineStyle style, TimelineLayout l, Viewport vp, WhatLedHere led) {
        for (int row : led.rows()) {
            int step = model.steps().step(row);
            int x0 = (int) Math.floor(Math.max(l.plotX(), l.xAt(vp, step)));
            int x1 = (int) Math.ceil(Math.min(l.width(), l.xAt(vp, step + 1)));
            if (x1 <= l.plotX() || x0 >= l.width()) {
                continue;
            }
            Color violation = style.violation();
            g.setColor(row == led.failureRow() ? new Color(violation.getRed(), violation.getGreen(), violation.getBlue(), 40)
                    : style.highlight());
            g.fillRect(x0, TimelineLayout.RULER_HEIGHT, Math.max(2, x1 - x0), l.height() - TimelineLayout.RULER_HEIGHT);
        }
    }

    /** Notches for every step, values of accesses and lock operations, on the lanes of the threads that made them. */
    void paintEvents(Graphics2D g, TimelineStyle style, TimelineLayout l, Viewport vp, WhatLedHere led) {
        double column = l.plotWidth() / vp.width();
        if (column < MIN_COLUMN || model.steps().count() == 0) {
            return;
        }
        int[] index = laneIndex(l);
        Font valueFont = style.font().deriveFont(Math.max(9f, style.font().getSize2D() - 1));
        g.setFont(valueFont);
        FontMetrics fm = g.getFontMetrics();
        EventColumns e = model.events();
        int[] range = rowsInView(vp);
        for (int row = range[0]; row <= range[1]; row++) {
            int type = e.typeId(row);
            if (type == EventType.NAME.id() || type == EventType.CALL_SITE.id()) {
                continue; // annotations, not steps
            }
            Lane lane = model.lanes().ofThread(e.thread(row));
            int i = lane == null ? -1 : index[lane.id()];
            if (i < 0) {
                continue;
            }
            int step = model.steps().step(row);
            int x = (int) Math.round(l.xAt(vp, step + 0.5));
            int below = l.barTop(i) + l.barHeight();
            g.setColor(style.mutedText());
            g.drawLine(x, below + 1, x, below + 3);
            String label = l.valueRows() == 0 ? null : label(row, column * l.valueRows() - 3, fm);
            if (label == null) {
                continue;
            }
            Color c = labelColour(style, type);
            Access a = Access.of(type);
            if (a != null) {
                TimelinePainter.disc(g, c, style.background(), x, below - 1, 3);
            }
            int rowOfLabel = l.valueRows() == 2 ? step & 1 : 0;
            int baseline = below + 3 + fm.getAscent() + rowOfLabel * TimelineLayout.VALUE_ROW;
            int w = fm.stringWidth(label);
            if (led.contains(row)) {
                g.setColor(style.background());
                g.fillRect(x - w / 2 - 2, baseline - fm.getAscent(), w + 4, fm.getAscent() + fm.getDescent());
                g.setColor(style.violation());
                g.setStroke(OUTLINE);
                g.drawRect(x - w / 2 - 2, baseline - fm.getAscent(), w + 4, fm.getAscent() + fm.getDescent());
            }
            g.setColor(c);
            g.drawString(label, x - w / 2, baseline);
        }
        g.setFont(style.font());
    }

    /** What to write under step {@code row}, as long as fits {@code room} pixels; null for nothing. */
    String label(int row, double room, FontMetrics fm) {
        int type = model.events().typeId(row);
        Access a = Access.of(type);
        String[] candidates;
        if (a != null) {
            EventColumns e = model.events();
            String arrow = a == Access.READ ? " → " : " ← ";
            String value = Long.toString(e.arg(row));
            String where = Access.isCell(type) ? model.names().object(e.object(row)) : "reg" + e.related(row);
            candidates = new String[]{where + arrow + value, arrow.strip() + value, value};
        } else if (type == EventType.LOCK_ACQUIRE.id()) {
            candidates = new String[]{"lock", "L"};
        } else if (type == EventType.LOCK_RELEASE.id()) {
            candidates = new String[]{"unlock", "U"};
        } else if (type == EventType.KEVENT_SET.id()) {
            candidates = new String[]{"set " + model.names().object(model.events().object(row)), "set", "S"};
        } else if (type == EventType.KEVENT_WAIT.id()) {
            candidates = new String[]{"wait " + model.names().object(model.events().object(row)), "wait", "W"};
        } else if (type == EventType.KEVENT_WAKE.id()) {
            candidates = new String[]{"woken", "W"};
        } else {
            return null;
        }
        for (String s : candidates) {
            if (fm.stringWidth(s) <= room) {
                return s;
            }
        }
        return null;
    }

    private static Color labelColour(TimelineStyle style, int type) {
        Access a = Access.of(type);
        if (a != null) {
            return a == Access.READ ? style.read() : style.write();
        }
        boolean event = type == EventType.KEVENT_SET.id() || type == EventType.KEVENT_WAIT.id() || type == EventType.KEVENT_WAKE.id();
        return event ? style.arrow(CauseKind.EVENT) : style.lock();
    }

    /** Arrows between threads into the steps on screen: what made each step possible. */
    void paintArrows(Graphics2D g, TimelineStyle style, TimelineLayout l, Viewport vp) {
        if (l.plotWidth() / vp.width() < MIN_COLUMN || model.steps().count() == 0) {
            return;
        }
        int[] index = laneIndex(l);
        int[] range = rowsInView(vp);
        g.setStroke(ARROW);
        EventColumns e = model.events();
        for (int row = range[0]; row <= range[1]; row++) {
            int type = e.typeId(row);
            if (type == EventType.ISR_START.id() || type == EventType.DPC_START.id() || type == EventType.CALLBACK_START.id()) {
                int span = model.spanOfEvent(row);
                if (span >= 0 && model.spans().startRow(span) == row && model.spans().cause(span) >= 0) {
                    arrow(g, style, l, vp, index, model.spans().cause(span), row, CauseKind.REQUEST);
                }
            }
        }
        model.causes().into(range[0], range[1] + 1, (from, to, kind) -> arrow(g, style, l, vp, index, from, to, kind));
    }

    private void arrow(Graphics2D g, TimelineStyle style, TimelineLayout l, Viewport vp, int[] index, int from, int to,
                       CauseKind kind) {
        int a = laneRow(index, from);
        int b = laneRow(index, to);
        if (a < 0 || b < 0 || a == b) {
            return;
        }
        double x0 = l.xAt(vp, model.position(dev.wdfrr.viewer.internal.model.Axis.STEP, from));
        double x1 = l.xAt(vp, model.position(dev.wdfrr.viewer.internal.model.Axis.STEP, to));
        double y0 = l.barMiddle(a);
        double y1 = b > a ? l.barTop(b) - 1 : l.barTop(b) + l.barHeight() + 1;
        double bend = Math.max(12, Math.min(60, (x1 - x0) / 2));
        g.setColor(style.arrow(kind));
        g.draw(new CubicCurve2D.Double(x0, y0, x0 + bend, y0, x1 - bend / 3, y1 + (b > a ? -12 : 12), x1, y1));
        arrowHead(g, x1, y1, b > a);
    }

    private static void arrowHead(Graphics2D g, double x, double y, boolean down) {
        int d = down ? -1 : 1;
        g.fillPolygon(new int[]{(int) Math.round(x) - 4, (int) Math.round(x) + 4, (int) Math.round(x)},
                new int[]{(int) Math.round(y) + 6 * d, (int) Math.round(y) + 6 * d, (int) Math.round(y)}, 3);
    }

    /** The event under component point (x, y): the one in the step column at x, when it is on the lane at y; else -1. */
    int eventAt(TimelineLayout l, Viewport vp, int x, int y) {
        Lane lane = l.laneAt(y);
        if (lane == null || lane.isRequests() || x < l.plotX() || model.steps().count() == 0) {
            return -1; // a request lane shows requests, not a thread's steps: a click there is on a request
        }
        double s = l.timeAt(vp, x);
        if (s < 0 || s >= model.steps().count()) {
            return -1;
        }
        int row = model.steps().row((int) s);
        return row >= 0 && model.events().thread(row) == lane.thread() ? row : -1;
    }

    /** First and last row of the steps on screen. */
    private int[] rowsInView(Viewport vp) {
        StepIndex s = model.steps();
        int first = (int) Math.max(0, Math.floor(vp.start()));
        int last = (int) Math.min(s.count() - 1, Math.ceil(vp.end()));
        return new int[]{s.row(first), s.row(Math.max(first, last))};
    }

    /** Display row of each lane id, -1 for lanes not shown. */
    private int[] laneIndex(TimelineLayout l) {
        int[] index = new int[model.lanes().count()];
        Arrays.fill(index, -1);
        for (int i = 0; i < l.lanes().size(); i++) {
            index[l.lanes().get(i).id()] = i;
        }
        return index;
    }

    private int laneRow(int[] index, int row) {
        Lane lane = model.lanes().ofThread(model.events().thread(row));
        return lane == null ? -1 : index[lane.id()];
    }
}
