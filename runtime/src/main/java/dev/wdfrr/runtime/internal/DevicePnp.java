package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.wdf.PnpState;
import dev.wdfrr.runtime.wdf.PowerState;

import java.util.List;

/**
 * A device's PnP and power state as {@link PnpPower} drives it (the framework keeps it in
 * {@code FxPkgPnp}'s state machines): where it is, its power state, its hardware's state
 * (pnp-power.md, "The hardware's state in the model") and the PnP callback running, if any.
 */
final class DevicePnp {
    PnpState state = PnpState.INIT;
    PowerState power = PowerState.D3_FINAL;
    /** The hardware the driver maps, or null. */
    VirtualDeviceImpl hardware;
    /** Unmapped, mapped or D0; absence is {@link VirtualDeviceImpl#absent}. */
    HardwareState map = HardwareState.UNMAPPED;
    /** The thread in EvtDevicePrepareHardware or EvtDeviceReleaseHardware, which may touch mapped registers. */
    LogicalThread hardwareCallback;
    List<PnpArrival> arrivals;
    LogicalThread thread;
    boolean done;
    boolean selfManagedIoStarted;
}
