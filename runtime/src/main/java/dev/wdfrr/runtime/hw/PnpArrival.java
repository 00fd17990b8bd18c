package dev.wdfrr.runtime.hw;

import java.util.Objects;

/**
 * A PnP request that reaches a device at an instant the schedule chooses within
 * [earliestNanos, latestNanos] (nanoseconds since the run started), after the ones listed before it.
 */
public record PnpArrival(PnpAction action, long earliestNanos, long latestNanos) {
    public PnpArrival {
        Objects.requireNonNull(action, "action");
        if (earliestNanos < 0 || latestNanos < earliestNanos) {
            throw new IllegalArgumentException("PnP arrival window must have 0 <= earliest <= latest, got "
                    + earliestNanos + ".." + latestNanos);
        }
    }

    /** At exactly this instant. */
    public static PnpArrival at(PnpAction action, long nanos) {
        return new PnpArrival(action, nanos, nanos);
    }
}
