package dev.wdfrr.viewer;

import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.TimelineOverlay;
import dev.wdfrr.viewer.internal.timeline.TimelinePainter;
import dev.wdfrr.viewer.internal.timeline.TimelineStyle;
import dev.wdfrr.viewer.internal.timeline.Viewport;

import java.awt.Graphics2D;
import java.nio.file.Path;

/**
 * A trace's timeline without a window: loaded once, then zoomed, panned and painted into any
 * {@link Graphics2D} exactly as the viewer's window paints it; along time unless told otherwise. For images of a chosen range and
 * for measuring the viewer's drawing; works headless. Not thread-safe.
 */
public final class OffscreenTimeline {
    private final TraceModel model;
    private final TimelinePainter painter;
    private Viewport viewport;

    private OffscreenTimeline(TraceModel model) {
        this.model = model;
        this.painter = new TimelinePainter(model, TimelineStyle.light());
        this.viewport = Viewport.of(model, Axis.TIME);
    }

    /**
     * Reads a whole trace, showing all of it.
     *
     * @throws TraceException when it is missing, not a trace, or corrupt
     */
    public static OffscreenTimeline load(Path trace) {
        return new OffscreenTimeline(TraceLoader.read(trace));
    }

    /** Events in the trace. */
    public long events() {
        return model.eventCount();
    }

    /** Lays the timeline out along {@code axis} ({@link TimelineAxis#AUTO}: by the trace's engine), showing all of it. */
    public void axis(TimelineAxis axis) {
        Axis a = axis.resolve(model.header().engine());
        painter.setAxis(a);
        viewport = Viewport.of(model, a);
    }

    /** Paints the visible range: lanes, bars, marks and the ruler. */
    public void paint(Graphics2D g, int width, int height) {
        painter.paint(g, width, height, viewport, TimelineOverlay.NONE);
    }

    /** Multiplies the visible width by {@code factor} around its centre (below 1 zooms in). */
    public void zoom(double factor) {
        viewport.zoom(factor, (viewport.start() + viewport.end()) / 2);
    }

    /** Moves the visible range by {@code fraction} of its width (negative: earlier). */
    public void pan(double fraction) {
        viewport.pan(fraction * viewport.width());
    }

    /** Shows the whole trace. */
    public void fitAll() {
        viewport.fitAll();
    }

    /** Shows {@code [fromNanos, toNanos]} of trace time, or of steps along steps (within the zoom limits). */
    public void show(long fromNanos, long toNanos) {
        viewport.show(fromNanos, toNanos);
    }

    /** Width of the visible range in nanoseconds (steps, along steps). */
    public double visibleNanos() {
        return viewport.width();
    }
}
