package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.Lane;

import java.util.List;

/**
 * Where things go: a label column on the left, the ruler on top, then one row per lane (as
 * tall as fits, within limits) across the plot. A lane holds its bars at the top and, in the
 * step view, up to two rows of values read and written under them ({@code valueRows}).
 */
public record TimelineLayout(int width, int height, List<Lane> lanes, int laneHeight, int valueRows) {
    public static final int LABEL_WIDTH = 84;
    public static final int RULER_HEIGHT = 22;
    static final int MIN_LANE = 16;
    static final int MAX_LANE = 34;
    /** Lanes of the step view may be taller: the values read and written go under the bars. */
    static final int MAX_STEP_LANE = 56;
    /** Height of one row of values. */
    static final int VALUE_ROW = 12;

    /** Lanes for the time view. */
    public static TimelineLayout of(int width, int height, List<Lane> lanes) {
        return new TimelineLayout(width, height, List.copyOf(lanes), laneHeight(height, lanes, MAX_LANE), 0);
    }

    /** Lanes for the step view: taller, with room for values under the bars when there is room for the lanes. */
    public static TimelineLayout ofSteps(int width, int height, List<Lane> lanes) {
        int h = laneHeight(height, lanes, MAX_STEP_LANE);
        int rows = h >= 46 ? 2 : h >= 30 ? 1 : 0;
        return new TimelineLayout(width, height, List.copyOf(lanes), h, rows);
    }

    private static int laneHeight(int height, List<Lane> lanes, int max) {
        int available = height - RULER_HEIGHT - 4;
        int h = lanes.isEmpty() ? max : available / lanes.size();
        return Math.max(MIN_LANE, Math.min(max, h));
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
        int i = indexOf(laneId);
        return i < 0 ? -1 : laneTop(i) + laneHeight / 2;
    }

    /** Display index of the lane with {@link Lane#id()} {@code laneId}, or -1 when it is not shown. */
    public int indexOf(int laneId) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).id() == laneId) {
                return i;
            }
        }
        return -1;
    }

    /** Height of the bars drawn in each lane. */
    public int barHeight() {
        return Math.max(4, laneHeight - 8 - valueRows * VALUE_ROW);
    }

    /** Top of the bars in lane row {@code i}. */
    public int barTop(int i) {
        return laneTop(i) + 4;
    }

    /** Vertical middle of the bars in lane row {@code i}. */
    public int barMiddle(int i) {
        return barTop(i) + barHeight() / 2;
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
