package dev.wdfrr.viewer.internal.timeline;

import javax.swing.UIManager;
import java.awt.Color;
import java.awt.Font;

/**
 * Colours and fonts of the timeline. The window takes them from the current look and feel, so
 * the dark theme applies; headless images use {@link #light()}.
 *
 * @param read      values read, and data arrows (write → read)
 * @param write     values written
 * @param lock      lock arrows (release → acquire)
 * @param event     kernel-event arrows (set → wait) and operations
 * @param highlight the steps that led to the failure
 */
public record TimelineStyle(Color background, Color laneStripe, Color grid, Color text, Color mutedText,
                            Color rulerBackground, Color accent, Color violation, Color divergence, Color read,
                            Color write, Color lock, Color event, Color highlight, Font font) {
    public static TimelineStyle light() {
        return new TimelineStyle(Color.WHITE, new Color(0xf3f5f8), new Color(0xdde1e6), new Color(0x1f2328),
                new Color(0x6e7781), new Color(0xeaeef2), new Color(0x0969da), new Color(0xcf222e), new Color(0xbf3989),
                new Color(0x0550ae), new Color(0xbc4c00), new Color(0x8250df), new Color(0x1a7f37), new Color(255, 196, 0, 70),
                new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    public static TimelineStyle dark() {
        return new TimelineStyle(new Color(0x1e1f22), new Color(0x26282c), new Color(0x3a3d42), new Color(0xdfe1e5),
                new Color(0x9da0a6), new Color(0x2b2d30), new Color(0x58a6ff), new Color(0xff6b6b), new Color(0xff7eb6),
                new Color(0x79c0ff), new Color(0xffa657), new Color(0xd2a8ff), new Color(0x56d364), new Color(255, 196, 0, 55),
                new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /** The style matching the installed look and feel (FlatLaf sets {@code laf.dark}), in its font. */
    public static TimelineStyle current() {
        TimelineStyle base = UIManager.getBoolean("laf.dark") ? dark() : light();
        Font f = UIManager.getFont("Label.font");
        return f == null ? base : base.withFont(f.deriveFont(Math.max(10f, f.getSize2D() - 1)));
    }

    public TimelineStyle withFont(Font f) {
        return new TimelineStyle(background, laneStripe, grid, text, mutedText, rulerBackground, accent, violation,
                divergence, read, write, lock, event, highlight, f);
    }

    /** The colour of arrows of one kind of cause. */
    public Color arrow(dev.wdfrr.viewer.internal.model.CauseKind kind) {
        return switch (kind) {
            case REQUEST -> mutedText;
            case LOCK -> lock;
            case EVENT -> event;
            case DATA -> read;
        };
    }
}
