package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_IO_READ}: a read request delivered by a queue; the driver now owns it. */
@FunctionalInterface
public interface EvtIoRead {
    void onRead(WdfQueue queue, WdfRequest request, long length) throws Exception;
}
