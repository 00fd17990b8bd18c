package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE}: a request the driver had before (requeued or forwarded) was cancelled while waiting; the driver owns it again and must complete it. */
@FunctionalInterface
public interface EvtIoCanceledOnQueue {
    void onCanceled(WdfQueue queue, WdfRequest request) throws Exception;
}
