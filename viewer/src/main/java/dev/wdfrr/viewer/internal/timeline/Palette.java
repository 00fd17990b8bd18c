package dev.wdfrr.viewer.internal.timeline;

import java.awt.Color;

/**
 * One colour per object (work item or interrupt). Object ids are assigned in creation order,
 * so consecutive ids take consecutive colours of a ten-colour qualitative palette (Tableau 10):
 * the few items of a driver are always told apart, and a replay keeps its colours.
 */
public final class Palette {
    private static final Color[] COLOURS = {
            new Color(0x4e79a7), new Color(0xf28e2b), new Color(0x59a14f), new Color(0xb07aa1), new Color(0x76b7b2),
            new Color(0xedc948), new Color(0xff9da7), new Color(0x9c755f), new Color(0xe15759), new Color(0xbab0ac)};

    private Palette() {
    }

    public static Color of(int objectId) {
        return COLOURS[Math.floorMod(objectId, COLOURS.length)];
    }

    /** Black or white, whichever reads better on {@code bar}. */
    public static Color textOn(Color bar) {
        double luminance = 0.299 * bar.getRed() + 0.587 * bar.getGreen() + 0.114 * bar.getBlue();
        return luminance > 150 ? Color.BLACK : Color.WHITE;
    }
}
