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
     * DISPATCH the dispose is deferred to a passive system worker and the call returns at once.
     */
    void delete();

    /** True once {@link #delete()} has been called on this object or an ancestor. */
    boolean isDeleted();
}
