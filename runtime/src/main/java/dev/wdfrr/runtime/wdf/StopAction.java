package dev.wdfrr.runtime.wdf;

/**
 * {@code WDF_REQUEST_STOP_ACTION_FLAGS} of an EvtIoStop: suspend (the device leaves D0; the
 * request may be resumed) or purge (removal: complete it), and whether it is still cancelable.
 */
public record StopAction(boolean purge, boolean cancelable) {
    /** The framework's flag bits: 1 suspend, 2 purge, 0x10000000 request cancelable. */
    public long flags() {
        return (purge ? 2 : 1) | (cancelable ? 0x10000000L : 0);
    }
}
