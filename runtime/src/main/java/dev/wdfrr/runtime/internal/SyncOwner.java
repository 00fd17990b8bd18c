package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.SyncScope;

/**
 * An object with a synchronization scope and execution level (a device or a queue): where
 * automatic serialization finds the callback lock it holds around the callbacks of the objects
 * below it.
 */
interface SyncOwner {
    /** The scope that applies, inheritance resolved. */
    SyncScope effectiveScope();

    /** The execution level that applies, inheritance resolved. */
    ExecutionLevel effectiveLevel();

    /** The callback lock for the effective scope; null when the scope is None. */
    LockState scopeLock();

    String describe();

    int id();
}
