package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL}: an ioctl delivered by a queue; the driver now owns it. */
@FunctionalInterface
public interface EvtIoDeviceControl {
    void onDeviceControl(WdfQueue queue, WdfRequest request, long outputLength, long inputLength, int ioControlCode)
            throws Exception;
}
