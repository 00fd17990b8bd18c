package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.Lane;

import java.util.List;

/**
 * Where things go: a label column on the left, the ruler on top, then one row per lane (as
 * tall as fits, within limits) across the plot.
 */
public record TimelineLayout(int width, int height, List<Lane> lanes, int laneHeight) {
    public static final int LABEL_WIDTH = 84;
    public static final int RULER_HEIGHT = 22;
    static final int MIN_LANE = 16;
    static final int MAX_LANE = 34;

    public static TimelineLayout of(int width, int height, List<Lane> lanes) {
        int available = height - RULER_HEIGHT - 4;
        int h = lanes.isEmpty() ? MAX_LANE : available / lanes.size();
        return new TimelineLayout(width, height, List.copyOf(lanes), Math.max(MIN_LANE, Math.min(MAX_LANE, h)));
    }

    public int plotX() {
        return LABEL_WIDTH;
    }

    public int plotWidth() {
        return Math.max(1, width - LABEL_WIDTH);
    }

    /** Top of lane row {@code i} (display order). */
    public int laneTop(int i) {
        return RULER_HEIGHT + i * laneHeight;
    }

    /** Vertical middle of the lane with {@link Lane#id()} {@code laneId}, or -1 when it is not shown. */
    public int laneMiddle(int laneId) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).id() == laneId) {
                return laneTop(i) + laneHeight / 2;
            }
        }
        return -1;
    }

    /** The lane at {@code y}, or null. */
    public Lane laneAt(int y) {
        int i = Math.floorDiv(y - RULER_HEIGHT, laneHeight);
        return y >= RULER_HEIGHT && i < lanes.size() ? lanes.get(i) : null;
    }

    /** Plot-relative x to time. */
    public double timeAt(Viewport vp, int x) {
        return vp.timeAt(x - plotX(), plotWidth());
    }

    /** Time to component x (may lie outside the plot). */
    public double xAt(Viewport vp, double t) {
        return plotX() + vp.xAt(t, plotWidth());
    }
}
