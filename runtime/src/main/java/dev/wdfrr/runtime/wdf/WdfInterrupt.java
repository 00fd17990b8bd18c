package dev.wdfrr.runtime.wdf;

import dev.wdfrr.runtime.hw.VirtualDevice;

/**
 * A framework interrupt object ({@code WDFINTERRUPT}) connected to a virtual device. Its ISR runs
 * at DIRQL (or PASSIVE for a passive-level interrupt) holding the interrupt lock.
 */
public interface WdfInterrupt extends WdfObject {
    /**
     * Queues the interrupt's DPC on the current CPU ({@code WdfInterruptQueueDpcForIsr}).
     *
     * @return true if queued, false if already queued and not yet run (coalesced)
     */
    boolean queueDpcForIsr();

    /**
     * Queues the interrupt's work item ({@code WdfInterruptQueueWorkItemForIsr}, KMDF 1.11+). At
     * DIRQL it queues the interrupt's internal DPC, which enqueues the work item when it runs,
     * and returns the DPC's result ({@code FxInterrupt::QueueWorkItemForIsr}); at PASSIVE (a
     * passive-level ISR) it enqueues the work item directly.
     *
     * @return true if queued, false if already queued and not yet run (coalesced)
     */
    boolean queueWorkItemForIsr();

    /** Acquires the interrupt lock ({@code WdfInterruptAcquireLock}): raises to DIRQL, excludes the ISR, not recursive. */
    void acquireLock();

    /** Releases the interrupt lock ({@code WdfInterruptReleaseLock}), restoring the IRQL. */
    void releaseLock();

    /** The hardware this interrupt is connected to. */
    VirtualDevice hardware();

    /** The device that owns this interrupt. */
    WdfDevice device();
}
