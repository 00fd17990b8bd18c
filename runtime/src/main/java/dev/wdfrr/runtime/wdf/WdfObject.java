package dev.wdfrr.runtime.wdf;

import dev.wdfrr.runtime.event.ObjectKind;

/**
 * Any framework object: it has an id stable across replays (assigned in creation order), a
 * name, a parent, and can be deleted ({@code WdfObjectDelete}). Deleting an object deletes its
 * children first.
 */
public interface WdfObject {
    /** Id assigned in creation order; the same in every replay of the same schedule. */
    int id();

    /** The name given at creation, or a generated one such as {@code workitem-7}. */
    String name();

    /** What kind of object this is. */
    ObjectKind kind();

    /**
     * Deletes the object and its children ({@code WdfObjectDelete}). Max IRQL DISPATCH; at
     * DISPATCH the dispose is deferred to the framework's dispose list (a passive system thread)
     * and the call returns at once. The framework deletes devices and interrupts itself: for
     * them this is the {@code NoDeleteDDI} verifier break and deletes nothing (see
     * {@link dev.wdfrr.runtime.WdfRuntime#removeDevice}).
     */
    void delete();

    /** True once {@link #delete()} has been called on this object or an ancestor, or its device was removed. */
    boolean isDeleted();

    /**
     * {@code WdfObjectGetTypedContext}: the object's context of this type, or null when it has
     * none (src: asking for a type the object lacks is legitimate and returns NULL). Any IRQL, not
     * a scheduling point; valid until the object's destroy callback has returned. Contexts come
     * from the attributes' context type at create time, or from {@link #allocateContext}. Fields
     * of a context that are cells start as zeroed cells (see {@link dev.wdfrr.runtime.mem}).
     */
    <T> T context(Class<T> type);

    /**
     * {@code WdfObjectAllocateContext}: attaches a zero-initialised context of this type and
     * returns it; an object that already has one of this type keeps it and returns it (src:
     * {@code STATUS_OBJECT_NAME_EXISTS}). Max IRQL DISPATCH; refused on a deleted object.
     */
    <T> T allocateContext(Class<T> type);
}
