package dev.wdfrr.runtime.wdf;

/** A VOID PnP callback ({@code EvtDeviceSurpriseRemoval}, {@code SelfManagedIoFlush}, {@code SelfManagedIoCleanup}). */
@FunctionalInterface
public interface DeviceCallback {
    void on(WdfDevice device) throws Exception;
}
