package dev.wdfrr.runtime.wdf;

/**
 * {@code EVT_WDF_IO_QUEUE_IO_STOP}: the device leaves D0 (or is removed) while the driver owns
 * this request; acknowledge it ({@link WdfRequest#stopAcknowledge}) or complete it.
 */
@FunctionalInterface
public interface EvtIoStop {
    void onStop(WdfQueue queue, WdfRequest request, StopAction action) throws Exception;
}
