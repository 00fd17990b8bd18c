package dev.wdfrr.runtime.wdf;

/**
 * An I/O queue ({@code WDFQUEUE}). Here it matters as a parent: a work item parented to a queue
 * has the queue's device as its device ancestor, and the queue's scope may serialize it.
 */
public interface WdfQueue extends WdfObject {
    /** The device the queue belongs to. */
    WdfDevice device();

    /** The scope given at creation. */
    SyncScope syncScope();

    /** The level given at creation. */
    ExecutionLevel executionLevel();
}
