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
}
