package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.WdfQueue;

/**
 * Devices and their queues ({@code FxDevice}, and for now {@code FxIoQueue} as a parent with a
 * synchronization scope): create, and the callback lock each carries for automatic
 * serialization. A device creates its interrupts through {@link Interrupts}.
 */
final class Devices {
    private final Kernel k;
    private final IrqlRules irql;
    private final Lifetime lifetime;
    private final Interrupts interrupts;

    Devices(Kernel k, IrqlRules irql, Lifetime lifetime, Interrupts interrupts) {
        this.k = k;
        this.irql = irql;
        this.lifetime = lifetime;
        this.interrupts = interrupts;
    }

    /** {@code WdfDeviceCreate}: a device under the driver. */
    WdfDevice createDevice(DeviceConfig config) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.PASSIVE, null, "WdfDeviceCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfDeviceCreate above PASSIVE");
            }
            int id = k.newObjectId();
            int lockId = k.newObjectId();
            DriverImpl driver = lifetime.driver();
            DeviceImpl d = new DeviceImpl(this, lifetime, id, driver, config, lockId);
            driver.children.add(d);
            k.nameObject(t, id, d.name);
            k.nameObject(t, lockId, d.callbackLock.name);
            k.emit(t, EventType.OBJECT_CREATE, id, driver.id, ObjectKind.DEVICE.id());
            return d;
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfIoQueueCreate}. */
    WdfQueue createQueue(DeviceImpl device, QueueConfig config) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, device.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, device, "WdfIoQueueCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfIoQueueCreate above DISPATCH");
            }
            Lifetime.requireAlive(device, "WdfIoQueueCreate");
            int id = k.newObjectId();
            int lockId = k.newObjectId();
            QueueImpl q = new QueueImpl(lifetime, id, device, config, lockId);
            device.children.add(q);
            k.nameObject(t, id, q.name);
            k.nameObject(t, lockId, q.callbackLock.name);
            k.emit(t, EventType.OBJECT_CREATE, id, device.id, ObjectKind.QUEUE.id());
            return q;
        } finally {
            k.exit(t);
        }
    }

    WdfInterrupt createInterrupt(DeviceImpl device, InterruptConfig config) {
        return interrupts.create(device, config);
    }
}
