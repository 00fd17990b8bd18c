package dev.wdfrr.runtime.wdf;

/**
 * A framework DPC object ({@code WDFDPC}): a callback the driver queues itself; it runs at
 * DISPATCH on the CPU it was queued on, holding the parent's callback lock when serialized.
 */
public interface WdfDpc extends WdfObject {
    /**
     * Queues the DPC on the calling CPU ({@code WdfDpcEnqueue}); any IRQL.
     *
     * @return true if queued, false if already queued and not yet started (coalesced)
     */
    boolean enqueue();

    /**
     * Removes a queued, not yet started instance ({@code WdfDpcCancel}). With {@code wait}
     * (PASSIVE only), when nothing was queued it waits for every DPC queued on any CPU to run.
     *
     * @return true when a queued instance was removed
     */
    boolean cancel(boolean wait);

    /** The parent given at create ({@code WdfDpcGetParentObject}). */
    WdfObject parent();

    /** The typed context memory, or null when none was declared. */
    <C> C context();
}
