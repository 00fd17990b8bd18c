package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.awt.image.BufferedImage;

/** Measures bars in a painted timeline: how many pixels wide each span was drawn. */
public final class SpanPixels {
    private SpanPixels() {
    }

    /**
     * Per span: pixels of its object's colour across its bar, the most in any pixel row of the
     * bar (text and arrows may cross some rows). {@code image} holds the timeline at (0, 0).
     */
    public static int[] perSpan(BufferedImage image, TraceModel model, TimelineLayout layout, Viewport viewport, Axis axis) {
        int[] covered = new int[model.spans().count()];
        for (int span = 0; span < covered.length; span++) {
            int i = layout.indexOf(model.spans().lane(span));
            int x0 = (int) Math.floor(layout.xAt(viewport, model.spanStart(axis, span)));
            int x1 = (int) Math.ceil(layout.xAt(viewport, model.spanEnd(axis, span)));
            int rgb = Palette.of(model.spans().object(span)).getRGB();
            for (int y = layout.barTop(i); y < layout.barTop(i) + layout.barHeight(); y++) {
                int n = 0;
                for (int x = Math.max(layout.plotX(), x0 - 1); x <= Math.min(image.getWidth() - 1, x1 + 1); x++) {
                    n += image.getRGB(x, y) == rgb ? 1 : 0;
                }
                covered[span] = Math.max(covered[span], n);
            }
        }
        return covered;
    }
}
