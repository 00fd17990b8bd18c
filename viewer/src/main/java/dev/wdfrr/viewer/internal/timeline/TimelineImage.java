package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.latency.LatencyGrid;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The timeline of a whole trace as an image, with a header line: what {@code wdfrr chart --kind timeline} writes. */
public final class TimelineImage {
    static final int HEADER = 24;

    private TimelineImage() {
    }

    public static BufferedImage render(TraceModel model, int width, int height, TimelineStyle style) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(style.background());
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(style.text());
            g.setFont(style.font().deriveFont(Font.BOLD, 12f));
            g.drawString(LatencyGrid.header(model), 8, HEADER - 7);
            g.translate(0, HEADER);
            Viewport vp = new Viewport(model.firstTime(), model.lastTime());
            new TimelinePainter(model, style).paint(g, width, Math.max(1, height - HEADER), vp, TimelineOverlay.NONE);
        } finally {
            g.dispose();
        }
        return img;
    }
}
