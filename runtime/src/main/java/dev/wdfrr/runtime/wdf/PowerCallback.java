package dev.wdfrr.runtime.wdf;

/** {@code EvtDeviceD0Entry}/{@code D0Exit} and their interrupt variants: the power state it comes from or goes to; returns an NTSTATUS. */
@FunctionalInterface
public interface PowerCallback {
    long on(WdfDevice device, PowerState state) throws Exception;
}
