package dev.wdfrr.runtime.wdf;

/**
 * A framework device object ({@code WDFDEVICE}): the usual parent of work items, queues,
 * interrupts and locks. Its synchronization scope and execution level decide what automatic
 * serialization means for the callbacks of its children.
 */
public interface WdfDevice extends WdfObject {
    /** The scope given at creation. */
    SyncScope syncScope();

    /** The level given at creation. */
    ExecutionLevel executionLevel();

    /** Creates an I/O queue parented to this device ({@code WdfIoQueueCreate}). */
    WdfQueue createQueue(QueueConfig config);

    /** Creates an interrupt object connected to a virtual device ({@code WdfInterruptCreate}). */
    WdfInterrupt createInterrupt(InterruptConfig config);

    /** {@code WdfDeviceConfigureRequestDispatching}: requests of {@code type} go to {@code queue}. */
    void configureRequestDispatching(WdfQueue queue, RequestType type);

    /** {@code WdfDeviceGetDefaultQueue}, or null. */
    WdfQueue defaultQueue();

    /**
     * Declares the device's hardware: from now on its registers follow this device's PnP life
     * (pnp-power.md, "The hardware's state in the model"): unmapped until EvtDevicePrepareHardware,
     * usable in D0, absent after a surprise removal. A device that never declares hardware keeps
     * every register usable at all times.
     */
    void assignHardware(dev.wdfrr.runtime.hw.VirtualDevice hardware);

    /**
     * The PnP requests this device will receive, in order, each at an instant the schedule chooses
     * within its window; a START at the current time comes first unless the list begins with one.
     * They run on the device's PnP thread. Call once, after creating the device's queues and interrupts.
     */
    void schedulePnp(dev.wdfrr.runtime.hw.PnpArrival... arrivals);

    /** Where the device is in its PnP life. */
    PnpState pnpState();

    /** Its device power state (D0 when started, D3_FINAL otherwise). */
    PowerState powerState();
    /**
     * Acquires this object's callback lock ({@code WdfObjectAcquireLock}), the lock automatic
     * serialization holds around its children's callbacks: a mutex at PASSIVE for a passive
     * execution level, else a spin lock that raises to DISPATCH. Acquiring it on a thread that
     * already holds it, such as inside a callback it serializes, is the framework's
     * {@code WDF_RECURSIVE_LOCK} bug check.
     */
    void acquireLock();

    /** Releases the callback lock ({@code WdfObjectReleaseLock}). */
    void releaseLock();
}
