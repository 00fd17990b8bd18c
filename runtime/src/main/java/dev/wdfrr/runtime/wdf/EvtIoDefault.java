package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_IO_DEFAULT}: a request of a type the queue has no specific callback for. */
@FunctionalInterface
public interface EvtIoDefault {
    void onRequest(WdfQueue queue, WdfRequest request) throws Exception;
}
