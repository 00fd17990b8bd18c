package dev.wdfrr.viewer.internal.model;

/**
 * What the timeline's horizontal axis measures. {@link #TIME}: the trace's clock, so a span is
 * as wide as it lasted. {@link #STEP}: the order of events, one column per event (names left
 * out), so a span is as wide as the steps it covered and an interleaving reads at a glance even
 * when every event carries the same virtual time, as in a deterministic trace.
 */
public enum Axis {
    TIME,
    STEP;

    /** The axis a trace opens with: steps for a deterministic trace, whose virtual time says little about order. */
    public static Axis defaultFor(dev.wdfrr.runtime.EngineKind engine) {
        return engine == dev.wdfrr.runtime.EngineKind.DETERMINISTIC ? STEP : TIME;
    }

    public Axis other() {
        return this == TIME ? STEP : TIME;
    }
}
