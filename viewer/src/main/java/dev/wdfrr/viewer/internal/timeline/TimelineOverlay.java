package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.RequestChain;
import dev.wdfrr.viewer.internal.model.WhatLedHere;

/**
 * What is drawn over the lanes: the selected span and its request chain, the selected event,
 * the first divergence from another trace, and the steps that led to the failure.
 *
 * @param span            selected span, or -1
 * @param chain           its request chain, or null
 * @param row             selected event row, or -1
 * @param divergenceRow   row of the first divergence, or -1
 * @param divergenceLabel text beside the divergence line
 * @param ledHere         the decisive steps to highlight ({@link WhatLedHere#NONE} for none)
 */
public record TimelineOverlay(int span, RequestChain chain, int row, int divergenceRow, String divergenceLabel,
                              WhatLedHere ledHere) {
    public static final TimelineOverlay NONE = new TimelineOverlay(-1, null, -1, -1, null, WhatLedHere.NONE);

    public TimelineOverlay(int span, RequestChain chain, int row, int divergenceRow, String divergenceLabel) {
        this(span, chain, row, divergenceRow, divergenceLabel, WhatLedHere.NONE);
    }

    /** The same with {@code led} highlighted. */
    public TimelineOverlay withLedHere(WhatLedHere led) {
        return new TimelineOverlay(span, chain, row, divergenceRow, divergenceLabel, led);
    }
}
