package dev.wdfrr.runtime.wdf;

/** Where a device is in its Plug and Play life, as far as the model follows it. */
public enum PnpState {
    /** Created, not started yet. */
    INIT,
    /** Started and in D0. */
    STARTED,
    /** Stopped for a resource rebalance: out of D0, hardware released, queues holding requests. */
    STOPPED,
    /** Surprise-removed: torn down except what waits for the final remove. */
    SURPRISE_REMOVED,
    /** Removed: the object tree is deleted. */
    REMOVED
}
