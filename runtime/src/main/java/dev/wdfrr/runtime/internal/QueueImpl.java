package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;

/** An I/O queue: a parent with its own scope and callback lock. */
final class QueueImpl extends ObjectImpl implements WdfQueue {
    final DeviceImpl device;
    final SyncScope scope;
    final ExecutionLevel level;
    final LockState callbackLock;

    QueueImpl(Kernel kernel, int id, DeviceImpl device, QueueConfig config, int lockId) {
        super(kernel, id, config.name(), ObjectKind.QUEUE, device, null, null);
        this.device = device;
        this.scope = config.syncScope();
        this.level = config.executionLevel();
        this.callbackLock = new LockState(lockId, config.name() + ".callback-lock", LockKind.CALLBACK);
    }

    SyncScope effectiveScope() {
        return scope == SyncScope.INHERIT_FROM_PARENT ? device.effectiveScope() : scope;
    }

    ExecutionLevel effectiveLevel() {
        return level == ExecutionLevel.INHERIT_FROM_PARENT ? device.effectiveLevel() : level;
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
}
