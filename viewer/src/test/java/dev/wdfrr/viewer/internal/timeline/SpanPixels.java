package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.awt.image.BufferedImage;

/** Measures bars in a painted timeline: how many pixels wide each span was drawn. */
public final class SpanPixels {
    private SpanPixels() {
    }

    /**
     * Per span: pixels of its bar's colours ({@link #colours}) across its bar, the most in any pixel row of the
     * bar (text and arrows may cross some rows). {@code image} holds the timeline at (0, 0).
     */
    public static int[] perSpan(BufferedImage image, TraceModel model, TimelineLayout layout, Viewport viewport, Axis axis) {
        int[] covered = new int[model.spans().count()];
        for (int span = 0; span < covered.length; span++) {
            int i = layout.indexOf(model.spans().lane(span));
            int x0 = (int) Math.floor(layout.xAt(viewport, model.spanStart(axis, span)));
            int x1 = (int) Math.ceil(layout.xAt(viewport, model.spanEnd(axis, span)));
            java.util.Set<Integer> rgb = colours(model, span);
            for (int y = layout.barTop(i); y < layout.barTop(i) + layout.barHeight(); y++) {
                int n = 0;
                for (int x = Math.max(layout.plotX(), x0 - 1); x <= Math.min(image.getWidth() - 1, x1 + 1); x++) {
                    n += rgb.contains(image.getRGB(x, y)) ? 1 : 0;
                }
                covered[span] = Math.max(covered[span], n);
            }
        }
        return covered;
    }

    /** The colours a span's bar is drawn in (light style): its object's; for a request also its tint, and a cancelled one's hatching. */
    static java.util.Set<Integer> colours(TraceModel model, int span) {
        java.awt.Color c = Palette.of(model.spans().object(span));
        if (model.spans().kind(span) != dev.wdfrr.viewer.internal.model.SpanKind.REQUEST) {
            return java.util.Set.of(c.getRGB());
        }
        TimelineStyle st = TimelineStyle.light();
        return java.util.Set.of(c.getRGB(), SpanBars.blend(c, st.background(), 0.30).getRGB(),
                SpanBars.blend(st.mutedText(), st.background(), 0.18).getRGB(),
                SpanBars.blend(st.mutedText(), st.background(), 0.55).getRGB());
    }
}
