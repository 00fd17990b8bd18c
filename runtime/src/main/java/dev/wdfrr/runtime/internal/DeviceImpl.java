package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.WdfQueue;

/** A device object: scope, level, and the callback lock automatic serialization uses. */
final class DeviceImpl extends ObjectImpl implements WdfDevice, SyncOwner {
    final Devices devices;
    final SyncScope scope;
    final ExecutionLevel level;
    final LockState callbackLock;

    DeviceImpl(Devices devices, Lifetime lifetime, int id, ObjectImpl parent, DeviceConfig config, int lockId) {
        super(lifetime, id, config.name(), ObjectKind.DEVICE, parent, config.cleanup(), config.destroy());
        this.devices = devices;
        this.scope = config.syncScope();
        this.level = config.executionLevel();
        this.callbackLock = new LockState(lockId, config.name() + ".callback-lock", LockKind.CALLBACK);
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
    public String describe() {
        return super.describe();
    }
}
