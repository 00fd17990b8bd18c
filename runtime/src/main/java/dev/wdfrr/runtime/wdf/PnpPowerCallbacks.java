package dev.wdfrr.runtime.wdf;

/**
 * {@code WDF_PNPPOWER_EVENT_CALLBACKS} (and the query callbacks of the power-policy ones): every
 * field may be null. Semantics and order: pnp-power.md.
 */
public record PnpPowerCallbacks(DeviceStatusCallback prepareHardware, DeviceStatusCallback releaseHardware,
                                PowerCallback d0Entry, PowerCallback d0Exit,
                                PowerCallback d0EntryPostInterruptsEnabled, PowerCallback d0ExitPreInterruptsDisabled,
                                DeviceStatusCallback selfManagedIoInit, DeviceStatusCallback selfManagedIoRestart,
                                DeviceStatusCallback selfManagedIoSuspend, DeviceCallback selfManagedIoFlush,
                                DeviceCallback selfManagedIoCleanup, DeviceCallback surpriseRemoval,
                                DeviceStatusCallback queryStop, DeviceStatusCallback queryRemove) {
    /** {@code WDF_PNPPOWER_EVENT_CALLBACKS_INIT}: none. */
    public static PnpPowerCallbacks none() {
        return new PnpPowerCallbacks(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public PnpPowerCallbacks prepareHardware(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(c, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks releaseHardware(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(prepareHardware, c, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks d0Entry(PowerCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, c, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks d0Exit(PowerCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, c, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks d0EntryPostInterruptsEnabled(PowerCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, c,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks d0ExitPreInterruptsDisabled(PowerCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                c, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks selfManagedIoInit(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, c, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks selfManagedIoRestart(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, c, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks selfManagedIoSuspend(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, c,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks selfManagedIoFlush(DeviceCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                c, selfManagedIoCleanup, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks selfManagedIoCleanup(DeviceCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, c, surpriseRemoval, queryStop, queryRemove);
    }

    public PnpPowerCallbacks surpriseRemoval(DeviceCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, c, queryStop, queryRemove);
    }

    public PnpPowerCallbacks queryStop(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, c, queryRemove);
    }

    public PnpPowerCallbacks queryRemove(DeviceStatusCallback c) {
        return new PnpPowerCallbacks(prepareHardware, releaseHardware, d0Entry, d0Exit, d0EntryPostInterruptsEnabled,
                d0ExitPreInterruptsDisabled, selfManagedIoInit, selfManagedIoRestart, selfManagedIoSuspend,
                selfManagedIoFlush, selfManagedIoCleanup, surpriseRemoval, queryStop, c);
    }
}
