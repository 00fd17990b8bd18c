package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.IntChunks;
import dev.wdfrr.viewer.internal.model.Lane;
import dev.wdfrr.viewer.internal.model.LaneBins;
import dev.wdfrr.viewer.internal.model.LaneTrack;
import dev.wdfrr.viewer.internal.model.MarkKind;
import dev.wdfrr.viewer.internal.model.RequestChain;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;

/**
 * Paints the timeline of a model onto any {@link Graphics2D}: the window's component and
 * headless images use the same code. Along {@link Axis#TIME} or {@link Axis#STEP}; in the step
 * view a {@link StepPainter} adds the values read and written, the causal arrows and the steps
 * that led to the failure. Each lane is drawn from its {@link LaneBins}, one bin per pixel
 * column, and marks at most once per {@value #MARK_SPACING} pixel columns per kind, so the cost
 * of a frame depends on its size, not on the number of events.
 */
public final class TimelinePainter {
    private static final BasicStroke THIN = new BasicStroke(1f);
    private static final BasicStroke THICK = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{5f, 4f}, 0f);

    /** Pixels between two marks of a kind drawn on a lane: closer ones would only overlap. */
    static final int MARK_SPACING = 4;

    private final TraceModel model;
    private final StepPainter steps;
    private final SpanBars bars;
    private TimelineStyle style;
    private Axis axis = Axis.TIME;

    public TimelinePainter(TraceModel model, TimelineStyle style) {
        this.model = model;
        this.style = style;
        this.steps = new StepPainter(model);
        this.bars = new SpanBars(model);
    }

    public void setStyle(TimelineStyle style) {
        this.style = style;
    }

    public TimelineStyle style() {
        return style;
    }

    public Axis axis() {
        return axis;
    }

    /** Lays events out along {@code axis} from now on; the caller gives viewports in its units. */
    public void setAxis(Axis axis) {
        this.axis = axis;
    }

    public TimelineLayout layout(int width, int height) {
        var lanes = model.lanes().ordered(model.names());
        return axis == Axis.STEP ? TimelineLayout.ofSteps(width, height, lanes) : TimelineLayout.of(width, height, lanes);
    }

    /** Paints everything into {@code [0, width) × [0, height)}; returns the layout used. */
    public TimelineLayout paint(Graphics2D g, int width, int height, Viewport vp, TimelineOverlay overlay) {
        TimelineLayout l = layout(width, height);
        g.setFont(style.font());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paintBackground(g, l);
        if (axis == Axis.STEP) {
            steps.paintHighlights(g, style, l, vp, overlay.ledHere());
        }
        RulerPainter.paint(g, model, axis, style, l, vp);
        Shape clip = g.getClip();
        g.clipRect(l.plotX(), TimelineLayout.RULER_HEIGHT, l.plotWidth(), height - TimelineLayout.RULER_HEIGHT);
        for (int i = 0; i < l.lanes().size(); i++) {
            paintSpans(g, l, vp, i);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (axis == Axis.STEP) {
            steps.paintEvents(g, style, l, vp, overlay.ledHere());
        }
        for (int i = 0; i < l.lanes().size(); i++) {
            paintMarks(g, l, vp, i);
        }
        if (axis == Axis.STEP) {
            steps.paintArrows(g, style, l, vp);
        }
        paintOverlay(g, l, vp, overlay);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setClip(clip);
        paintLabels(g, l);
        return l;
    }

    private void paintBackground(Graphics2D g, TimelineLayout l) {
        g.setColor(style.background());
        g.fillRect(0, 0, l.width(), l.height());
        g.setColor(style.laneStripe());
        for (int i = 1; i < l.lanes().size(); i += 2) {
            g.fillRect(0, l.laneTop(i), l.width(), l.laneHeight());
        }
    }

    private void paintLabels(Graphics2D g, TimelineLayout l) {
        g.setColor(style.rulerBackground());
        g.fillRect(0, TimelineLayout.RULER_HEIGHT, l.plotX(), l.height() - TimelineLayout.RULER_HEIGHT);
        g.setColor(style.grid());
        g.drawLine(l.plotX() - 1, 0, l.plotX() - 1, l.height());
        g.setColor(style.text());
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < l.lanes().size(); i++) {
            Lane lane = l.lanes().get(i);
            int y = l.barTop(i) + (l.barHeight() + fm.getAscent() - fm.getDescent()) / 2;
            if (lane.isRequests()) {
                paintRequestsLabel(g, l, i, lane, fm);
            } else {
                g.drawString(lane.label(model.names()), 6, y);
            }
        }
        g.setColor(style.mutedText());
        g.drawString(axis == Axis.STEP ? "steps" : "time", 6, TimelineLayout.RULER_HEIGHT - 6 - fm.getDescent());
    }

    /**
     * A queue's request rows: a bracket down the rows, and on the first "requests of QUEUE", on
     * two lines when it is too wide for one, else the queue's name alone, cut to fit.
     */
    private void paintRequestsLabel(Graphics2D g, TimelineLayout l, int i, Lane lane, FontMetrics fm) {
        g.setColor(style.mutedText());
        g.fillRect(2, l.laneTop(i) + 2, 2, l.laneHeight() - (isLastRow(l, i) ? 4 : 0));
        g.setColor(style.text());
        String line = lane.label(model.names());
        if (line.isEmpty()) {
            return;
        }
        int room = l.plotX() - 12;
        int mid = l.barTop(i) + (l.barHeight() + fm.getAscent() - fm.getDescent()) / 2;
        if (fm.stringWidth(line) <= room) {
            g.drawString(line, 8, mid);
            return;
        }
        String queue = lane.queue() == 0 ? "(no queue)" : model.names().object(lane.queue());
        if (l.laneHeight() >= 2 * fm.getHeight() + 2) {
            int top = l.laneTop(i) + (l.laneHeight() - 2 * fm.getHeight()) / 2 + fm.getAscent();
            g.setColor(style.mutedText());
            g.drawString("requests of", 8, top);
            g.setColor(style.text());
            g.drawString(fit(queue, fm, room), 8, top + fm.getHeight());
        } else {
            g.drawString(fit(queue, fm, room), 8, mid);
        }
    }

    private static boolean isLastRow(TimelineLayout l, int i) {
        return i + 1 >= l.lanes().size() || l.lanes().get(i + 1).queue() != l.lanes().get(i).queue();
    }

    /** {@code text}, cut with an ellipsis to at most {@code width} pixels. */
    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        int n = text.length();
        while (n > 1 && fm.stringWidth(text.substring(0, n) + "…") > width) {
            n--;
        }
        return text.substring(0, n) + "…";
    }

    private void paintSpans(Graphics2D g, TimelineLayout l, Viewport vp, int i) {
        Lane lane = l.lanes().get(i);
        LaneTrack track = lane.track(axis);
        int y = l.barTop(i);
        int h = l.barHeight();
        LaneBins bins = LaneBins.of(track, vp.start(), vp.width() / l.plotWidth(), l.plotWidth());
        if (bins.before() >= 0) {
            paintWithParents(g, l, vp, lane.spanId(bins.before()), y, h);
        }
        for (int b = 0; b < bins.size(); b++) {
            if (bins.count(b) > 0) {
                int s = bins.longest(b);
                paintSpan(g, l, vp, lane.spanId(s >= 0 ? s : bins.first(b)), y, h);
            }
        }
    }

    /** The last span starting before the view, after the spans it ran inside: a DPC may run on past its driver callback. */
    private void paintWithParents(Graphics2D g, TimelineLayout l, Viewport vp, int span, int y, int h) {
        int parent = model.spans().parent(span);
        if (parent >= 0) {
            paintWithParents(g, l, vp, parent, y, h);
        }
        paintSpan(g, l, vp, span, y, h);
    }

    /** Draws span {@code span} as a bar at least one pixel wide, labelled when there is room. */
    private void paintSpan(Graphics2D g, TimelineLayout l, Viewport vp, int span, int y, int h) {
        double x0 = l.xAt(vp, model.spanStart(axis, span));
        double x1 = l.xAt(vp, model.spanEnd(axis, span));
        if (x1 < l.plotX()) {
            return;
        }
        int ix0 = (int) Math.floor(Math.max(x0, l.plotX() - 2));
        int w = Math.max(1, (int) Math.ceil(Math.min(x1, l.width() + 2)) - ix0);
        bars.paint(g, style, axis, span, ix0, w, y, h, l.plotX());
    }

    private void paintMarks(Graphics2D g, TimelineLayout l, Viewport vp, int i) {
        Lane lane = l.lanes().get(i);
        for (MarkKind kind : MarkKind.values()) {
            IntChunks rows = lane.marks(kind);
            int m = model.firstMark(lane, kind, axis, vp.start(), 0);
            while (m < rows.size()) {
                double t = model.position(axis, rows.get(m));
                if (t > vp.end()) {
                    break;
                }
                int x = (int) Math.floor(l.xAt(vp, t));
                paintMark(g, kind, x, l.laneTop(i), l.barMiddle(i), l.barHeight() + 4);
                m = model.firstMark(lane, kind, axis, l.timeAt(vp, x + MARK_SPACING), m + 1); // dense marks: one per few columns
            }
        }
    }

    private void paintMark(Graphics2D g, MarkKind kind, int x, int top, int mid, int h) {
        switch (kind) {
            case INTERRUPT -> fillTriangle(g, style.mutedText(), x, top + 1, 4);
            case QUEUED -> disc(g, style.text(), style.background(), x, mid, 3);
            case COALESCED -> disc(g, style.background(), style.text(), x, mid, 3);
            case DELETE -> cross(g, style.text(), x, mid, 3);
            case VIOLATION -> {
                g.setColor(style.violation());
                g.drawLine(x, top, x, top + h - 1);
                fillTriangle(g, style.violation(), x, top + 1, 5);
            }
            case FAILURE -> disc(g, style.violation(), style.background(), x, mid, 5);
            case USER -> fillTriangle(g, style.accent(), x, top + 1, 4);
        }
    }

    private static void fillTriangle(Graphics2D g, Color c, int x, int y, int r) {
        g.setColor(c);
        g.fillPolygon(new int[]{x - r, x + r, x}, new int[]{y, y, y + r + 1}, 3);
    }

    static void disc(Graphics2D g, Color fill, Color border, int x, int y, int r) {
        g.setColor(fill);
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        g.setColor(border);
        g.drawOval(x - r, y - r, 2 * r, 2 * r);
    }

    private static void cross(Graphics2D g, Color c, int x, int y, int r) {
        g.setColor(c);
        g.drawLine(x - r, y - r, x + r, y + r);
        g.drawLine(x - r, y + r, x + r, y - r);
    }

    private void paintOverlay(Graphics2D g, TimelineLayout l, Viewport vp, TimelineOverlay o) {
        if (o.divergenceRow() >= 0) {
            paintDivergence(g, l, vp, o.divergenceRow(), o.divergenceLabel());
        }
        if (o.row() >= 0) {
            int x = (int) Math.round(l.xAt(vp, model.position(axis, o.row())));
            g.setColor(style.accent());
            g.setStroke(THIN);
            g.drawLine(x, TimelineLayout.RULER_HEIGHT, x, l.height());
        }
        if (o.chain() != null) {
            paintChain(g, l, vp, o.chain());
        }
        if (o.span() >= 0) {
            outlineSpan(g, l, vp, o.span(), THICK);
        }
        g.setStroke(THIN);
    }

    private void paintDivergence(Graphics2D g, TimelineLayout l, Viewport vp, int row, String label) {
        int x = (int) Math.round(l.xAt(vp, model.position(axis, row)));
        g.setColor(style.divergence());
        g.setStroke(DASHED);
        g.drawLine(x, TimelineLayout.RULER_HEIGHT, x, l.height());
        g.setStroke(THIN);
        if (label != null) {
            g.drawString(label, x + 4, TimelineLayout.RULER_HEIGHT + g.getFontMetrics().getAscent() + 1);
        }
    }

    /** The request chain: a line from step to step through the lanes, its spans outlined. */
    private void paintChain(Graphics2D g, TimelineLayout l, Viewport vp, RequestChain chain) {
        Path2D path = new Path2D.Double();
        boolean started = false;
        for (RequestChain.Step s : chain.steps()) {
            int lane = s.isSpan() ? model.spans().lane(s.span()) : laneOfRow(s.row());
            int i = l.indexOf(lane);
            if (i < 0) {
                continue;
            }
            int y = l.barMiddle(i);
            double x = s.isSpan() ? l.xAt(vp, model.spanStart(axis, s.span())) : l.xAt(vp, model.position(axis, s.row()));
            if (started) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                started = true;
            }
            if (s.isSpan()) {
                path.lineTo(l.xAt(vp, model.spanEnd(axis, s.span())), y);
                outlineSpan(g, l, vp, s.span(), THIN);
            } else {
                disc(g, style.accent(), style.background(), (int) Math.round(x), y, 3);
            }
        }
        g.setColor(style.accent());
        g.setStroke(THICK);
        g.draw(path);
    }

    private int laneOfRow(int row) {
        Lane lane = model.lanes().ofThread(model.events().thread(row));
        return lane == null ? -1 : lane.id();
    }

    private void outlineSpan(Graphics2D g, TimelineLayout l, Viewport vp, int span, BasicStroke stroke) {
        int i = l.indexOf(model.spans().lane(span));
        if (i < 0) {
            return;
        }
        double x0 = l.xAt(vp, model.spanStart(axis, span));
        double x1 = l.xAt(vp, model.spanEnd(axis, span));
        int h = l.barHeight() + 4;
        g.setColor(style.accent());
        g.setStroke(stroke);
        g.drawRect((int) Math.floor(x0) - 2, l.barTop(i) - 2, Math.max(4, (int) Math.ceil(x1 - x0) + 3), h);
    }

    /** The span under component point (x, y), within 3 pixels, or -1. */
    public int spanAt(TimelineLayout l, Viewport vp, int x, int y) {
        Lane lane = l.laneAt(y);
        if (lane == null || x < l.plotX()) {
            return -1;
        }
        double perPixel = vp.width() / l.plotWidth();
        return model.spanAt(lane, axis, l.timeAt(vp, x), 3 * perPixel);
    }

    /**
     * The row of the mark under component point (x, y), within 4 pixels, or -1. Of marks equally
     * near, a failure wins over a violation, and those over the rest: what the user came for.
     */
    public int markAt(TimelineLayout l, Viewport vp, int x, int y) {
        Lane lane = l.laneAt(y);
        if (lane == null || x < l.plotX()) {
            return -1;
        }
        double t = l.timeAt(vp, x);
        double tolerance = 4 * vp.width() / l.plotWidth();
        int best = -1;
        double bestGap = Double.MAX_VALUE;
        for (MarkKind kind : MarkKind.byPriority()) {
            int m = model.firstMark(lane, kind, axis, t - tolerance, 0);
            IntChunks rows = lane.marks(kind);
            for (; m < rows.size() && model.position(axis, rows.get(m)) <= t + tolerance; m++) {
                double gap = Math.abs(model.position(axis, rows.get(m)) - t);
                if (gap < bestGap) {
                    best = rows.get(m);
                    bestGap = gap;
                }
            }
        }
        return best;
    }

    /** The row of the step under component point (x, y) in the step view, on the lane there, or -1. */
    public int stepEventAt(TimelineLayout l, Viewport vp, int x, int y) {
        return axis == Axis.STEP ? steps.eventAt(l, vp, x, y) : -1;
    }
}
