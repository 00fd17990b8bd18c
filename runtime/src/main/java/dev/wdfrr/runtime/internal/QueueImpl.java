package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;

/** An I/O queue: a parent with its own scope and callback lock. */
final class QueueImpl extends ObjectImpl implements WdfQueue, SyncOwner {
    final DeviceImpl device;
    final SyncScope scope;
    final ExecutionLevel level;
    final LockState callbackLock;

    QueueImpl(Lifetime lifetime, int id, DeviceImpl device, QueueConfig config, int lockId) {
        super(lifetime, id, config.name(), ObjectKind.QUEUE, device, null, null);
        this.device = device;
        this.scope = config.syncScope();
        this.level = config.executionLevel();
        this.callbackLock = new LockState(lockId, config.name() + ".callback-lock", LockKind.CALLBACK);
    }

    @Override
    public SyncScope effectiveScope() {
        return scope == SyncScope.INHERIT_FROM_PARENT ? device.effectiveScope() : scope;
    }

    @Override
    public ExecutionLevel effectiveLevel() {
        return level == ExecutionLevel.INHERIT_FROM_PARENT ? device.effectiveLevel() : level;
    }

    /** Device scope serializes with the device's other callbacks: the device's lock. */
    @Override
    public LockState scopeLock() {
        return switch (effectiveScope()) {
            case NONE, INHERIT_FROM_PARENT -> null;
            case DEVICE -> device.callbackLock;
            case QUEUE -> callbackLock;
        };
    }

    @Override
    public WdfDevice device() {
        return device;
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
    public String describe() {
        return super.describe();
    }
}
