package dev.wdfrr.runtime.wdf;

/** A PnP callback returning an NTSTATUS ({@code EvtDevicePrepareHardware}, {@code ReleaseHardware}, self-managed I/O, query stop/remove). */
@FunctionalInterface
public interface DeviceStatusCallback {
    long on(WdfDevice device) throws Exception;
}
