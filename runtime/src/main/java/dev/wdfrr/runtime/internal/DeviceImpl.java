package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectCallback;
import dev.wdfrr.runtime.wdf.PnpState;
import dev.wdfrr.runtime.wdf.PowerState;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.WdfQueue;

import java.util.ArrayList;
import java.util.EnumMap;

/**
 * A device object: scope, level, the callback lock automatic serialization uses, its queues and
 * request routing, and its PnP and power state ({@link PnpPower} owns the latter's rules).
 */
final class DeviceImpl extends ObjectImpl implements WdfDevice, SyncOwner {
    final Devices devices;
    final DeviceConfig config;
    final Locks locks;
    final SyncScope scope;
    final ExecutionLevel level;
    final LockState callbackLock;
    /** Its queues in creation order, the default one, and the types configured to go elsewhere. */
    final ArrayList<QueueImpl> queues = new ArrayList<>();
    QueueImpl defaultQueue;
    final EnumMap<RequestType, QueueImpl> dispatching = new EnumMap<>(RequestType.class);
    /** Its interrupts in creation order (disabled in reverse). */
    final ArrayList<InterruptImpl> interrupts = new ArrayList<>();

    /** Set by {@link #schedulePnp}: from then on the PnP thread drives it; null for a device that is always in D0. */
    DevicePnp pnp;

    DeviceImpl(Devices devices, Locks locks, Lifetime lifetime, int id, ObjectImpl parent, DeviceConfig config, int lockId) {
        super(lifetime, id, config.name(), ObjectKind.DEVICE, parent, config.cleanup(), config.destroy());
        this.devices = devices;
        this.config = config;
        this.locks = locks;
        this.scope = config.syncScope();
        this.level = config.executionLevel();
        this.callbackLock = new LockState(lockId, config.name() + ".callback-lock", LockKind.CALLBACK);
    }

    /** In D0: always, for a device whose PnP life is not modelled. */
    boolean inD0() {
        return pnp == null || pnp.power == PowerState.D0;
    }

    /** It has started (or is always on). */
    boolean started() {
        return pnp == null ? false : pnp.state != PnpState.INIT;
    }

    Class<?> requestContextType() {
        return config.requestContextType();
    }

    ObjectCallback requestCleanup() {
        return config.requestCleanup();
    }

    /** The scope that applies: a device that inherits gets the driver's, which is None. */
    @Override
    public SyncScope effectiveScope() {
        return scope == SyncScope.INHERIT_FROM_PARENT ? SyncScope.NONE : scope;
    }

    /** The level that applies: a device that inherits gets the driver's, which is Dispatch. */
    @Override
    public ExecutionLevel effectiveLevel() {
        return level == ExecutionLevel.INHERIT_FROM_PARENT ? ExecutionLevel.DISPATCH : level;
    }

    @Override
    public LockState scopeLock() {
        return effectiveScope() == SyncScope.NONE ? null : callbackLock;
    }

    @Override
    public SyncScope syncScope() {
        return scope;
    }

    @Override
    public ExecutionLevel executionLevel() {
        return level;
    }

    @Override
    public WdfQueue createQueue(QueueConfig config) {
        return devices.createQueue(this, config);
    }

    @Override
    public WdfInterrupt createInterrupt(InterruptConfig config) {
        return devices.createInterrupt(this, config);
    }

    @Override
    public void configureRequestDispatching(WdfQueue queue, RequestType type) {
        devices.configureDispatching(this, queue, type);
    }

    @Override
    public WdfQueue defaultQueue() {
        return defaultQueue;
    }

    @Override
    public void assignHardware(VirtualDevice hardware) {
        devices.assignHardware(this, hardware);
    }

    @Override
    public void schedulePnp(PnpArrival... arrivals) {
        devices.schedulePnp(this, arrivals);
    }

    @Override
    public PnpState pnpState() {
        return pnp == null ? PnpState.STARTED : pnp.state;
    }

    @Override
    public PowerState powerState() {
        return inD0() ? PowerState.D0 : PowerState.D3_FINAL;
    }

    @Override
    public String describe() {
        return super.describe();
    }

    /** {@code FxDevice}: MarkNoDeleteDDI; the framework deletes a device when it is removed. */
    @Override
    boolean noDeleteDdi() {
        return true;
    }

    @Override
    boolean passiveCallbacks() {
        return effectiveLevel() == ExecutionLevel.PASSIVE;
    }

    @Override
    public void acquireLock() {
        locks.acquireObjectLock(this, callbackLock, passiveCallbacks());
    }

    @Override
    public void releaseLock() {
        locks.release(this, callbackLock);
    }
}
