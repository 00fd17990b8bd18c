package dev.wdfrr.viewer;

/** What a timeline's horizontal axis measures. */
public enum TimelineAxis {
    /** Steps for a deterministic trace, time for a live one. */
    AUTO,
    /** The trace's clock: a span is as wide as it lasted. */
    TIME,
    /** The order of events, one column per event: a span is as wide as the steps it covered. */
    STEPS;

    dev.wdfrr.viewer.internal.model.Axis resolve(dev.wdfrr.runtime.EngineKind engine) {
        return switch (this) {
            case AUTO -> dev.wdfrr.viewer.internal.model.Axis.defaultFor(engine);
            case TIME -> dev.wdfrr.viewer.internal.model.Axis.TIME;
            case STEPS -> dev.wdfrr.viewer.internal.model.Axis.STEP;
        };
    }
}
