package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_IO_WRITE}: a write request delivered by a queue; the driver now owns it. */
@FunctionalInterface
public interface EvtIoWrite {
    void onWrite(WdfQueue queue, WdfRequest request, long length) throws Exception;
}
