package dev.wdfrr.runtime.wdf;

/**
 * A framework work item ({@code WDFWORKITEM}): a callback run at PASSIVE on a system worker
 * thread after {@link #enqueue()}.
 *
 * @param <C> the type of its context memory (use {@code Void} for none)
 */
public interface WorkItem<C> extends WdfObject {
    /**
     * Queues the item ({@code WdfWorkItemEnqueue}); max IRQL DISPATCH. An item already queued and
     * not yet started is silently coalesced. An item whose callback is running may be queued
     * again, so two instances can overlap.
     *
     * @return true when queued, false when coalesced or refused (a violation)
     */
    boolean enqueue();

    /**
     * Waits until the queued callback has run and any running or re-queued instance has
     * returned ({@code WdfWorkItemFlush}); PASSIVE only. Never-enqueued items return at once;
     * a flush from the item's own callback is a violation and returns at once.
     */
    void flush();

    /** The parent given at create ({@code WdfWorkItemGetParentObject}); max IRQL DISPATCH. */
    WdfObject parent();

    /** The typed, zero-initialised context memory, or null when none was declared. */
    C context();

    /** Number of callback instances started so far. */
    int instancesStarted();
}
