package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.WdfQueue;

/**
 * Devices ({@code FxDevice}): create, the callback lock each carries for automatic
 * serialization, and removal by the PnP manager (the framework's delete of the device tree). A
 * device creates its interrupts through {@link Interrupts}; its queues, request routing and PnP
 * life belong to components above this one, reached through {@link QueueFactory} and
 * {@link PnpHost}, wired at start-up.
 */
final class Devices {
    /** Creates queues ({@link IoQueues}). */
    interface QueueFactory {
        WdfQueue create(DeviceImpl device, QueueConfig config);

        void configureDispatching(DeviceImpl device, WdfQueue queue, dev.wdfrr.runtime.wdf.RequestType type);
    }

    /** A device's PnP life ({@link PnpPower}). */
    interface PnpHost {
        void assignHardware(DeviceImpl device, dev.wdfrr.runtime.hw.VirtualDevice hardware);

        void schedule(DeviceImpl device, dev.wdfrr.runtime.hw.PnpArrival[] arrivals);
    }

    private final Kernel k;
    private final IrqlRules irql;
    private final Lifetime lifetime;
    private final Locks locks;
    private final Interrupts interrupts;
    private QueueFactory queueFactory;
    private PnpHost pnpHost;

    Devices(Kernel k, IrqlRules irql, Lifetime lifetime, Locks locks, Interrupts interrupts) {
        this.k = k;
        this.irql = irql;
        this.lifetime = lifetime;
        this.locks = locks;
        this.interrupts = interrupts;
    }

    void wire(QueueFactory queues, PnpHost pnp) {
        this.queueFactory = queues;
        this.pnpHost = pnp;
    }

    /**
     * {@code WdfDeviceCreate}: a device under the driver, with the context type of its attributes
     * (which may not name a parent: a device's parent is the driver).
     */
    WdfDevice createDevice(DeviceConfig config, ObjectAttributes<?> attributes) {
        if (attributes != null && attributes.parent() != null) {
            throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfDeviceCreate: a device's attributes name no parent"
                    + " (its parent is the driver)");
        }
        Object context = Contexts.instantiate(attributes == null ? null : attributes.contextType());
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.PASSIVE, null, "WdfDeviceCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfDeviceCreate above PASSIVE");
            }
            int id = k.newObjectId();
            int lockId = k.newObjectId();
            DriverImpl driver = lifetime.driver();
            DeviceImpl d = new DeviceImpl(this, locks, lifetime, id, driver, config, lockId);
            driver.children.add(d);
            k.nameObject(t, id, d.name);
            k.nameObject(t, lockId, d.callbackLock.name);
            k.emit(t, EventType.OBJECT_CREATE, id, driver.id, ObjectKind.DEVICE.id());
            lifetime.contexts().attach(t, d, context);
            return d;
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfIoQueueCreate}. */
    WdfQueue createQueue(DeviceImpl device, QueueConfig config) {
        return queueFactory.create(device, config);
    }

    void configureDispatching(DeviceImpl device, WdfQueue queue, dev.wdfrr.runtime.wdf.RequestType type) {
        queueFactory.configureDispatching(device, queue, type);
    }

    void assignHardware(DeviceImpl device, dev.wdfrr.runtime.hw.VirtualDevice hardware) {
        pnpHost.assignHardware(device, hardware);
    }

    void schedulePnp(DeviceImpl device, dev.wdfrr.runtime.hw.PnpArrival[] arrivals) {
        pnpHost.schedule(device, arrivals);
    }

    /**
     * The PnP manager removes the device: the framework deletes the device object and everything
     * under it, as {@code WdfObjectDelete} would, which the driver itself may not do
     * ({@code IsNoDeleteDDI}). At PASSIVE, on the calling thread.
     */
    void remove(WdfDevice device) {
        if (!(device instanceof DeviceImpl d) || d.lifetime != lifetime) {
            throw new IllegalArgumentException("device " + device + " does not belong to this runtime");
        }
        if (d.deleteCalled) {
            throw new IllegalStateException(d.describe() + " was already removed");
        }
        if (k.current().irql != Irql.PASSIVE) {
            throw new IllegalStateException("a device is removed at PASSIVE, not at " + k.current().irql);
        }
        lifetime.delete(d, true);
    }

    WdfInterrupt createInterrupt(DeviceImpl device, InterruptConfig config) {
        return interrupts.create(device, config);
    }
}
