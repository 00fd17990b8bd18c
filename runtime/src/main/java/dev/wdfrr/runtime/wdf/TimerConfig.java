package dev.wdfrr.runtime.wdf;

import java.util.Objects;

/**
 * {@code WDF_TIMER_CONFIG}: the callback, the period (0 = one-shot; the framework takes whole
 * milliseconds up to MAXLONG), automatic serialization (default TRUE, as
 * {@code WDF_TIMER_CONFIG_INIT} sets it), the tolerable delay (the system may delay an expiry by
 * up to that much to coalesce timers) and whether it is a high-resolution timer (no clock-tick
 * rounding). Create checks the combination (timers-and-dpcs.md [T1][T2]).
 */
public record TimerConfig(EvtTimerFunc callback, long periodNanos, boolean automaticSerialization,
                          long tolerableDelayNanos, boolean highResolution) {
    public TimerConfig {
        Objects.requireNonNull(callback, "callback");
    }

    /** A one-shot timer ({@code WDF_TIMER_CONFIG_INIT}). */
    public static TimerConfig oneShot(EvtTimerFunc callback) {
        return new TimerConfig(callback, 0, true, 0, false);
    }

    /** A periodic timer ({@code WDF_TIMER_CONFIG_INIT_PERIODIC}); the period in nanoseconds, whole milliseconds. */
    public static TimerConfig periodic(EvtTimerFunc callback, long periodNanos) {
        return new TimerConfig(callback, periodNanos, true, 0, false);
    }

    public TimerConfig automaticSerialization(boolean serialized) {
        return new TimerConfig(callback, periodNanos, serialized, tolerableDelayNanos, highResolution);
    }

    public TimerConfig tolerableDelay(long nanos) {
        return new TimerConfig(callback, periodNanos, automaticSerialization, nanos, highResolution);
    }

    public TimerConfig highResolution(boolean high) {
        return new TimerConfig(callback, periodNanos, automaticSerialization, tolerableDelayNanos, high);
    }
}
