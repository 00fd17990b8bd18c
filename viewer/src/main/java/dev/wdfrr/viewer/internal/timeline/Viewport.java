package dev.wdfrr.viewer.internal.timeline;

/**
 * The range of the axis (time in ns, or steps) the timeline shows, and the zoom and pan
 * arithmetic on it. Kept in doubles (exact for any nanosecond count below 2^53). The range stays
 * at least its minimum width wide ({@value #MIN_WIDTH} ns for time), at most a few times the
 * trace, and never slides more than half a screen off the data.
 */
public final class Viewport {
    /** Narrowest time range: a few nanoseconds across the whole width is as far as zooming makes sense. */
    public static final double MIN_WIDTH = 20;
    /** Narrowest step range: a few columns. */
    public static final double MIN_STEPS = 4;

    private final double minWidth;
    private double start;
    private double end;
    private double dataStart;
    private double dataEnd;

    /** The whole of {@code model} along {@code axis}. */
    public static Viewport of(dev.wdfrr.viewer.internal.model.TraceModel model, dev.wdfrr.viewer.internal.model.Axis axis) {
        return new Viewport(model.first(axis), model.last(axis),
                axis == dev.wdfrr.viewer.internal.model.Axis.TIME ? MIN_WIDTH : MIN_STEPS);
    }

    /** A time range over {@code [dataStart, dataEnd]} ns. */
    public Viewport(double dataStart, double dataEnd) {
        this(dataStart, dataEnd, MIN_WIDTH);
    }

    public Viewport(double dataStart, double dataEnd, double minWidth) {
        this.minWidth = minWidth;
        setData(dataStart, dataEnd);
        fitAll();
    }

    /** Sets the extent of the data (grows while following); the range is clamped to it. */
    public void setData(double from, double to) {
        dataStart = from;
        dataEnd = Math.max(to, from + minWidth);
    }

    public double start() {
        return start;
    }

    public double end() {
        return end;
    }

    public double width() {
        return end - start;
    }

    public double dataStart() {
        return dataStart;
    }

    public double dataEnd() {
        return dataEnd;
    }

    /** Time at pixel {@code x} of a plot {@code pixels} wide. */
    public double timeAt(double x, double pixels) {
        return start + x / pixels * width();
    }

    /** Pixel of time {@code t} in a plot {@code pixels} wide. */
    public double xAt(double t, double pixels) {
        return (t - start) / width() * pixels;
    }

    /** Multiplies the width by {@code factor} (below 1 zooms in), keeping {@code anchor} where it is on screen. */
    public void zoom(double factor, double anchor) {
        double f = (anchor - start) / width();
        double w = clampWidth(width() * factor);
        set(anchor - f * w, anchor - f * w + w);
    }

    public void pan(double dt) {
        set(start + dt, end + dt);
    }

    /** Shows exactly {@code [from, to)} as far as the limits allow. */
    public void show(double from, double to) {
        double w = clampWidth(to - from);
        double mid = (from + to) / 2;
        set(mid - w / 2, mid + w / 2);
    }

    /** Shows {@code [from, to]} with a margin of a tenth on each side. */
    public void fit(double from, double to) {
        double w = Math.max(to - from, minWidth);
        show(from - w / 10, to + w / 10);
    }

    public void fitAll() {
        double w = dataEnd - dataStart;
        show(dataStart - w / 50, dataEnd + w / 50);
    }

    /** Pans so that {@code t} is on screen, centred, when it is not already. */
    public void reveal(double t) {
        if (t < start || t > end) {
            pan(t - (start + end) / 2);
        }
    }

    private double clampWidth(double w) {
        double max = Math.max(minWidth, 4 * (dataEnd - dataStart));
        return Math.min(max, Math.max(minWidth, w));
    }

    private void set(double from, double to) {
        double w = to - from;
        double lo = dataStart - w / 2;
        double hi = dataEnd - w / 2;
        double s = Math.min(Math.max(from, lo), Math.max(lo, hi));
        start = s;
        end = s + w;
    }
}
