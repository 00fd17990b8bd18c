package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.internal.model.RequestChain;

/**
 * What is drawn over the lanes: the selected span and its request chain, the selected event's
 * time, and the first divergence from another trace.
 *
 * @param span            selected span, or -1
 * @param chain           its request chain, or null
 * @param row             selected event row, or -1
 * @param divergenceRow   row of the first divergence, or -1
 * @param divergenceLabel text beside the divergence line
 */
public record TimelineOverlay(int span, RequestChain chain, int row, int divergenceRow, String divergenceLabel) {
    public static final TimelineOverlay NONE = new TimelineOverlay(-1, null, -1, -1, null);
}
