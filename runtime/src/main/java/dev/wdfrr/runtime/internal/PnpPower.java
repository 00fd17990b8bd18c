package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.PnpState;
import dev.wdfrr.runtime.wdf.PowerState;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's Plug and Play and power life ({@code FxPkgPnp} with its PnP, power and power-policy
 * state machines; pnp-power.md [P1]-[P15]), as straight-line sequences on the device's PnP thread
 * at PASSIVE: start, the implicit power-down shared by stop and removals, stop, restart, orderly
 * removal, surprise removal. The PnP requests arrive at instants the schedule chooses. The
 * device's hardware follows: its registers are checked against the state ({@link #check}).
 */
final class PnpPower implements Devices.PnpHost, Hardware.HardwareGate {
    private final Kernel k;
    private final Locks locks;
    private final Lifetime lifetime;
    private final Interrupts interrupts;
    private final QueuePower queuePower;
    private final IoQueues queues;
    private final ArrayList<DevicePnp> devices = new ArrayList<>();

    PnpPower(Kernel k, Locks locks, Lifetime lifetime, Interrupts interrupts, IoQueues queues) {
        this.k = k;
        this.locks = locks;
        this.lifetime = lifetime;
        this.interrupts = interrupts;
        this.queues = queues;
        this.queuePower = new QueuePower(k, queues);
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (DevicePnp p : devices) {
                    if (p.thread != null && !p.done) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
                for (DevicePnp p : devices) {
                    if (p.thread != null && !p.done) {
                        out.append(", ").append(p.thread.name).append(" delivering PnP requests");
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ set-up

    @Override
    public void assignHardware(DeviceImpl d, VirtualDevice hardware) {
        LogicalThread t = k.current();
        k.enter(t, EventType.HARDWARE_STATE, d.id);
        try {
            if (!(hardware instanceof VirtualDeviceImpl hw)) {
                throw new IllegalArgumentException("hardware must be a virtual device of this runtime");
            }
            DevicePnp p = pnpOf(d);
            p.hardware = hw;
            hw.gate = this;
            p.map = d.inD0() && d.pnp.state != PnpState.INIT ? HardwareState.D0 : HardwareState.UNMAPPED;
            k.emit(t, EventType.HARDWARE_STATE, hw.id, d.id, p.map.id());
        } finally {
            k.exit(t);
        }
    }

    @Override
    public void schedule(DeviceImpl d, PnpArrival[] arrivals) {
        LogicalThread t = k.current();
        k.enter(t, EventType.THREAD_START, d.id);
        try {
            DevicePnp p = pnpOf(d);
            if (p.thread != null) {
                throw new IllegalStateException(d.describe() + " already has its PnP requests scheduled");
            }
            List<PnpArrival> list = new ArrayList<>(List.of(arrivals));
            if (list.isEmpty() || list.get(0).action() != PnpAction.START) {
                list.add(0, PnpArrival.at(PnpAction.START, k.now()));
            }
            p.arrivals = list;
            p.thread = k.newThread(t, "pnp-" + d.name, ThreadKind.PNP, -1);
            k.emit(t, EventType.THREAD_START, p.thread.id, d.id, 0);
            k.start(p.thread, () -> pnpLoop(p.thread, d));
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: the device's PnP state, created with the device out of D0 (queues off, interrupts disconnected). */
    private DevicePnp pnpOf(DeviceImpl d) {
        if (d.pnp == null) {
            d.pnp = new DevicePnp();
            devices.add(d.pnp);
            for (QueueImpl q : d.queues) {
                if (q.powerManaged) {
                    q.power = QueueImpl.Power.OFF;
                }
            }
            for (InterruptImpl in : d.interrupts) {
                in.connectedToLine = false;
            }
        }
        return d.pnp;
    }

    // ------------------------------------------------------------------ the PnP thread

    private void pnpLoop(LogicalThread t, DeviceImpl d) {
        DevicePnp p = d.pnp;
        try {
            for (PnpArrival a : p.arrivals) {
                long at;
                k.enter(t, EventType.PNP_ARRIVAL, d.id);
                try {
                    long now = k.now();
                    at = k.choose(t, Kernel.CHOICE_TIME, Math.max(now, a.earliestNanos()), Math.max(now, a.latestNanos()));
                } finally {
                    k.exit(t);
                }
                k.engine().sleepUntil(t, at);
                if (!perform(t, d, a.action())) {
                    break;
                }
            }
        } finally {
            if (!k.engine().stopped()) {
                k.enter(t, EventType.THREAD_END, t.id);
                try {
                    p.done = true;
                    k.emit(t, EventType.THREAD_END, t.id, d.id, 0);
                } finally {
                    k.exit(t);
                }
            }
        }
    }

    /** One PnP request; one at a time per device ([P1]). False when the device is gone. */
    private boolean perform(LogicalThread t, DeviceImpl d, PnpAction action) {
        DevicePnp p = d.pnp;
        boolean fits;
        k.enter(t, EventType.PNP_ARRIVAL, d.id);
        try {
            fits = !d.destroyed && switch (action) {
                case START -> p.state == PnpState.INIT;
                case STOP -> p.state == PnpState.STARTED;
                case RESTART -> p.state == PnpState.STOPPED;
                case REMOVE, SURPRISE_REMOVE -> p.state == PnpState.STARTED || p.state == PnpState.STOPPED;
                case REMOVE_AFTER_SURPRISE -> p.state == PnpState.SURPRISE_REMOVED;
            };
            // a request that does not fit the state is traced and not acted on (the PnP manager would not send it)
            k.emit(t, EventType.PNP_ARRIVAL, d.id, fits ? 0 : 1, action.id());
        } finally {
            k.exit(t);
        }
        if (!fits) {
            return !d.destroyed;
        }
        switch (action) {
            case START -> start(t, d, false);
            case STOP -> stop(t, d);
            case RESTART -> start(t, d, true);
            case REMOVE -> remove(t, d);
            case SURPRISE_REMOVE -> surpriseRemove(t, d);
            case REMOVE_AFTER_SURPRISE -> finalRemove(t, d);
        }
        return !d.destroyed;
    }

    // ------------------------------------------------------------------ the sequences

    /**
     * [P3] {@code PnpPrepareHardware}, {@code PowerD0Starting}, {@code PowerD0StartingConnectInterrupt},
     * {@code PowerD0StartingPostHardwareEnabled}, {@code PowerD0StartingStartSelfManagedIo}; [P8] on a restart.
     */
    private void start(LogicalThread t, DeviceImpl d, boolean restart) {
        PnpPowerCallbacks c = d.config.pnpPower();
        DevicePnp p = d.pnp;
        statusCallback(t, d, EventType.PREPARE_HARDWARE, CallbackKind.PREPARE_HARDWARE, 0, c.prepareHardware() == null ? null
                : () -> c.prepareHardware().on(d), () -> {
                    setMap(t, d, HardwareState.MAPPED);
                    p.hardwareCallback = t;
                }, () -> p.hardwareCallback = null);
        statusCallback(t, d, EventType.D0_ENTRY, CallbackKind.D0_ENTRY, PowerState.D3_FINAL.id(), c.d0Entry() == null ? null
                : () -> c.d0Entry().on(d, PowerState.D3_FINAL), () -> {
                    setMap(t, d, HardwareState.D0);
                    p.power = PowerState.D0;
                }, null);
        for (InterruptImpl in : new ArrayList<>(d.interrupts)) {
            if (!in.dead) {
                interrupts.connect(t, in); // FxPkgPnp::NotifyResourceObjectsD0 → FxInterrupt::Connect
            }
        }
        statusCallback(t, d, EventType.EVT_CALLBACK_START, CallbackKind.D0_ENTRY_POST_INTERRUPTS_ENABLED,
                PowerState.D3_FINAL.id(), c.d0EntryPostInterruptsEnabled() == null ? null
                        : () -> c.d0EntryPostInterruptsEnabled().on(d, PowerState.D3_FINAL), null, null);
        queuePower.powerUp(t, d); // [Q31]
        boolean first = !p.selfManagedIoStarted;
        p.selfManagedIoStarted = true;
        var smio = first ? c.selfManagedIoInit() : c.selfManagedIoRestart();
        statusCallback(t, d, EventType.EVT_CALLBACK_START, first ? CallbackKind.SELF_MANAGED_IO_INIT
                : CallbackKind.SELF_MANAGED_IO_RESTART, 0, smio == null ? null : () -> smio.on(d), null, null);
        setState(t, d, PnpState.STARTED);
    }

    /**
     * [P4] the implicit power-down shared by stop, removal and surprise removal
     * ({@code PowerPolStopping} → {@code PowerGotoD3Stopped}).
     */
    private void powerDown(LogicalThread t, DeviceImpl d) {
        PnpPowerCallbacks c = d.config.pnpPower();
        DevicePnp p = d.pnp;
        statusCallback(t, d, EventType.EVT_CALLBACK_START, CallbackKind.SELF_MANAGED_IO_SUSPEND, 0,
                c.selfManagedIoSuspend() == null ? null : () -> c.selfManagedIoSuspend().on(d), null, null);
        queuePower.powerDown(t, d); // step 2: FxPkgIo::StopProcessingForPower(Hold)
        statusCallback(t, d, EventType.EVT_CALLBACK_START, CallbackKind.D0_EXIT_PRE_INTERRUPTS_DISABLED,
                PowerState.D3_FINAL.id(), c.d0ExitPreInterruptsDisabled() == null ? null
                        : () -> c.d0ExitPreInterruptsDisabled().on(d, PowerState.D3_FINAL), null, null);
        List<InterruptImpl> reverse = new ArrayList<>(d.interrupts);
        java.util.Collections.reverse(reverse);
        for (InterruptImpl in : reverse) {
            if (in.connectedToLine) {
                interrupts.disconnectForPower(t, in); // step 5: NotifyResourceObjectsDx → FxInterrupt::Disconnect
            }
        }
        // step 6: EvtDeviceD0Exit, after the interrupts are disconnected ([P5]); D0 ends with it
        statusCallback(t, d, EventType.D0_EXIT, CallbackKind.D0_EXIT, PowerState.D3_FINAL.id(), c.d0Exit() == null ? null
                : () -> c.d0Exit().on(d, PowerState.D3_FINAL), null, () -> {
                    p.power = PowerState.D3_FINAL;
                    setMap(t, d, HardwareState.MAPPED);
                });
    }

    /** [P7] {@code PnpEventQueryStopAskDriver}, {@code PnpEventStartedStopping}, {@code PnpEventStopped}. */
    private void stop(LogicalThread t, DeviceImpl d) {
        PnpPowerCallbacks c = d.config.pnpPower();
        statusCallback(t, d, EventType.EVT_CALLBACK_START, CallbackKind.QUERY_STOP, 0,
                c.queryStop() == null ? null : () -> c.queryStop().on(d), null, null);
        powerDown(t, d);
        releaseHardware(t, d);
        setState(t, d, PnpState.STOPPED);
    }

    /** {@code PnpReleaseHardware}: EvtDeviceReleaseHardware; the registers are unmapped when it returns. */
    private void releaseHardware(LogicalThread t, DeviceImpl d) {
        PnpPowerCallbacks c = d.config.pnpPower();
        DevicePnp p = d.pnp;
        long status = statusCallback(t, d, EventType.RELEASE_HARDWARE, CallbackKind.RELEASE_HARDWARE, 0,
                c.releaseHardware() == null ? null : () -> c.releaseHardware().on(d),
                () -> p.hardwareCallback = t, () -> {
                    p.hardwareCallback = null;
                    setMap(t, d, HardwareState.UNMAPPED);
                });
        if ((status & 0xFFFFFFFFL) == NtStatus.NOT_SUPPORTED.code()) {
            k.enter(t, EventType.VIOLATION, d.id);
            try {
                // FxPkgPnp::PnpReleaseHardware (KMDF 1.11+)
                k.violation(t, Rule.RELEASE_HARDWARE_NOT_SUPPORTED, d.id, "EvtDeviceReleaseHardware of " + d.describe()
                        + " returned STATUS_NOT_SUPPORTED: a verifier break; the status is otherwise ignored");
            } finally {
                k.exit(t);
            }
        }
    }

    /**
     * [P9][P10] orderly removal ({@code PnpEventQueryRemoveAskDriver}, {@code PnpEventRemovingDisableInterfaces},
     * {@code PnpCleanupForRemove}, {@code PnpEventRemovedCommonCode}): the hardware is released
     * before the power-managed queues are purged.
     */
    private void remove(LogicalThread t, DeviceImpl d) {
        PnpPowerCallbacks c = d.config.pnpPower();
        boolean wasStarted = d.pnp.state == PnpState.STARTED;
        statusCallback(t, d, EventType.EVT_CALLBACK_START, CallbackKind.QUERY_REMOVE, 0,
                c.queryRemove() == null ? null : () -> c.queryRemove().on(d), null, null);
        if (wasStarted) {
            powerDown(t, d);
            releaseHardware(t, d);
        }
        queuePower.purgeForRemoval(t, d, true);
        voidCallback(t, d, CallbackKind.SELF_MANAGED_IO_FLUSH, c.selfManagedIoFlush());
        finalRemove(t, d);
    }

    /** [P12] from D0, [P13] from the stopped state ({@code PnpEventSurpriseRemoveIoStarted}, {@code PnpEventSurpriseRemoved}). */
    private void surpriseRemove(LogicalThread t, DeviceImpl d) {
        PnpPowerCallbacks c = d.config.pnpPower();
        boolean wasStarted = d.pnp.state == PnpState.STARTED;
        setAbsent(t, d);
        // [P14] first, while the power-managed queues still deliver; serialized with nothing
        voidCallbackOwnType(t, d, EventType.SURPRISE_REMOVAL, CallbackKind.SURPRISE_REMOVAL, c.surpriseRemoval());
        if (wasStarted) {
            powerDown(t, d);
            releaseHardware(t, d);
        }
        queuePower.purgeForRemoval(t, d, true);
        voidCallback(t, d, CallbackKind.SELF_MANAGED_IO_FLUSH, c.selfManagedIoFlush());
        setState(t, d, PnpState.SURPRISE_REMOVED);
    }

    /** [P9] steps 9-12: non-power-managed queues purged, self-managed I/O cleanup, the object tree deleted. */
    private void finalRemove(LogicalThread t, DeviceImpl d) {
        PnpPowerCallbacks c = d.config.pnpPower();
        queuePower.purgeForRemoval(t, d, false);
        voidCallback(t, d, CallbackKind.SELF_MANAGED_IO_CLEANUP, c.selfManagedIoCleanup());
        setState(t, d, PnpState.REMOVED);
        if (!d.dead) {
            lifetime.delete(d, true); // the framework's own delete: m_Device->EarlyDispose(), DestroyChildren, the dispose list drained
        }
    }

    // ------------------------------------------------------------------ state changes

    private void setState(LogicalThread t, DeviceImpl d, PnpState state) {
        k.enter(t, EventType.PNP_ARRIVAL, d.id);
        try {
            d.pnp.state = state;
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: the hardware's mapping follows the driver's callbacks. */
    private void setMap(LogicalThread t, DeviceImpl d, HardwareState map) {
        DevicePnp p = d.pnp;
        if (p.map == map) {
            return;
        }
        p.map = map;
        if (p.hardware != null) {
            k.emit(t, EventType.HARDWARE_STATE, p.hardware.id, d.id, map.id());
        }
    }

    private void setAbsent(LogicalThread t, DeviceImpl d) {
        DevicePnp p = d.pnp;
        if (p.hardware == null) {
            return;
        }
        k.enter(t, EventType.HARDWARE_STATE, p.hardware.id);
        try {
            p.hardware.absent = true;
            k.emit(t, EventType.HARDWARE_STATE, p.hardware.id, d.id, HardwareState.ABSENT.id());
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ the hardware's state

    /** Inside enter/exit: pnp-power.md, "The hardware's state in the model", and its checks 1 and 2. */
    @Override
    public boolean check(LogicalThread t, VirtualDeviceImpl hw, int register, boolean write) {
        for (DevicePnp p : devices) {
            if (p.hardware != hw) {
                continue;
            }
            String access = (write ? "write of " : "read of ") + hw.describe() + " register " + register + " on " + t.name
                    + (t.frame != null ? " in " + t.frame.what : "");
            if (p.map == HardwareState.UNMAPPED) {
                k.violation(t, Rule.HARDWARE_ACCESS_UNMAPPED, hw.id, access + " while its registers are not mapped "
                        + "(after EvtDeviceReleaseHardware or before EvtDevicePrepareHardware): a page fault, bug check 0x50");
            } else if (p.map == HardwareState.MAPPED && p.hardwareCallback != t) {
                k.violation(t, Rule.HARDWARE_ACCESS_OUTSIDE_D0, hw.id, access + " while the device is out of D0 "
                        + "(after EvtDeviceD0Exit): the device is powered down; reads give garbage, writes are lost");
            }
            return hw.absent;
        }
        return false;
    }

    // ------------------------------------------------------------------ calling the driver

    /** A driver callback returning an NTSTATUS. */
    @FunctionalInterface
    private interface StatusCode {
        long call() throws Exception;
    }

    /**
     * One PnP or power callback on the PnP thread at PASSIVE, no callback lock ([P1][P2]): the
     * state change {@code atStart} with its start event, the callback, then {@code atEnd} with
     * the end event. A callback the driver did not register only makes the state changes.
     */
    private long statusCallback(LogicalThread t, DeviceImpl d, EventType startType, CallbackKind kind, long arg,
                                StatusCode code, Runnable atStart, Runnable atEnd) {
        if (code == null && atStart == null) {
            // A slot the driver left empty: the framework calls nothing (FxPnpCallbacks.hpp, each
            // callback's Invoke: m_Method == NULL returns STATUS_SUCCESS), so no scheduling point.
            return atEnd == null ? 0 : endOnly(t, d, atEnd);
        }
        k.enter(t, startType, d.id);
        try {
            if (atStart != null) {
                atStart.run();
            }
            if (code != null) {
                t.frame = new LogicalThread.Frame(t.frame, d.id, kind.label() + " of " + d.describe(), t.held.size());
                if (startType == EventType.EVT_CALLBACK_START) {
                    k.emit(t, startType, d.id, kind.id(), arg);
                } else {
                    k.emit(t, startType, d.id, 0, arg);
                }
            }
        } finally {
            k.exit(t);
        }
        long[] status = {0};
        if (code != null) {
            k.invoke(t, kind.label() + " of " + d.describe(), () -> {
                status[0] = code.call();
                return true;
            });
        }
        if (code == null && atEnd == null) {
            return 0;
        }
        k.enter(t, EventType.EVT_CALLBACK_END, d.id);
        try {
            if (code != null) {
                locks.releaseHeldAtReturn(t);
                t.frame = t.frame.outer;
            }
            if (atEnd != null) {
                atEnd.run();
            }
            if (code != null) {
                k.emit(t, EventType.EVT_CALLBACK_END, d.id, kind.id(), status[0]);
            }
        } finally {
            k.exit(t);
        }
        return status[0];
    }

    /** A slot the driver left empty with framework work after it: that work is the only step. */
    private long endOnly(LogicalThread t, DeviceImpl d, Runnable atEnd) {
        k.enter(t, EventType.EVT_CALLBACK_END, d.id);
        try {
            atEnd.run();
        } finally {
            k.exit(t);
        }
        return 0;
    }

    private void voidCallback(LogicalThread t, DeviceImpl d, CallbackKind kind, dev.wdfrr.runtime.wdf.DeviceCallback cb) {
        voidCallbackOwnType(t, d, EventType.EVT_CALLBACK_START, kind, cb);
    }

    private void voidCallbackOwnType(LogicalThread t, DeviceImpl d, EventType type, CallbackKind kind,
                                     dev.wdfrr.runtime.wdf.DeviceCallback cb) {
        statusCallback(t, d, type, kind, 0, cb == null ? null : () -> {
            cb.on(d);
            return 0;
        }, null, null);
    }
}
