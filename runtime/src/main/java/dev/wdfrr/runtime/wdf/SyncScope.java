package dev.wdfrr.runtime.wdf;

/** Synchronization scope of a device or queue ({@code WDF_SYNCHRONIZATION_SCOPE}). Default {@link #NONE}. */
public enum SyncScope {
    NONE, DEVICE, QUEUE, INHERIT_FROM_PARENT
}
