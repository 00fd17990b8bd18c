package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_IO_RESUME}: back in D0, for a request acknowledged without requeue. */
@FunctionalInterface
public interface EvtIoResume {
    void onResume(WdfQueue queue, WdfRequest request) throws Exception;
}
