package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_STATE}: a stop, purge or drain completed, or (ready notify) a manual queue has requests. */
@FunctionalInterface
public interface QueueStateCallback {
    void onState(WdfQueue queue) throws Exception;
}
