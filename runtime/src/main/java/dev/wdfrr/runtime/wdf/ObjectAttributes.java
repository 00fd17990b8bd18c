package dev.wdfrr.runtime.wdf;

/**
 * {@code WDF_OBJECT_ATTRIBUTES}: the mandatory parent, an optional typed context (a class with a
 * no-argument constructor, so its fields start zeroed), cleanup and destroy callbacks, a name
 * for traces, and the execution level (for a timer: Passive makes it a passive-level timer; for
 * a general object: only an explicit Passive makes it passive, which an automatically serialized
 * work item under it needs, {@code FxObject::_GetEffectiveLock}).
 */
public record ObjectAttributes<C>(WdfObject parent, Class<C> contextType, ObjectCallback cleanup,
                                  ObjectCallback destroy, String name, ExecutionLevel executionLevel) {
    public ObjectAttributes {
        executionLevel = executionLevel == null ? ExecutionLevel.INHERIT_FROM_PARENT : executionLevel;
    }

    public ObjectAttributes(WdfObject parent, Class<C> contextType, ObjectCallback cleanup, ObjectCallback destroy,
                            String name) {
        this(parent, contextType, cleanup, destroy, name, ExecutionLevel.INHERIT_FROM_PARENT);
    }

    /** Attributes with the given parent and nothing else. */
    public static ObjectAttributes<Void> parent(WdfObject parent) {
        return new ObjectAttributes<>(parent, null, null, null, null, ExecutionLevel.INHERIT_FROM_PARENT);
    }

    /** Attributes with no parent: creating a work item with them fails ("parent not specified"). */
    public static ObjectAttributes<Void> none() {
        return new ObjectAttributes<>(null, null, null, null, null, ExecutionLevel.INHERIT_FROM_PARENT);
    }

    /** Declares a typed context, created zero-initialised with the object. */
    public <T> ObjectAttributes<T> context(Class<T> type) {
        return new ObjectAttributes<>(parent, type, cleanup, destroy, name, executionLevel);
    }

    public ObjectAttributes<C> cleanup(ObjectCallback callback) {
        return new ObjectAttributes<>(parent, contextType, callback, destroy, name, executionLevel);
    }

    public ObjectAttributes<C> destroy(ObjectCallback callback) {
        return new ObjectAttributes<>(parent, contextType, cleanup, callback, name, executionLevel);
    }

    public ObjectAttributes<C> name(String objectName) {
        return new ObjectAttributes<>(parent, contextType, cleanup, destroy, objectName, executionLevel);
    }

    /** {@code ExecutionLevel} of the attributes (a timer's: Passive for a passive-level timer). */
    public ObjectAttributes<C> executionLevel(ExecutionLevel level) {
        return new ObjectAttributes<>(parent, contextType, cleanup, destroy, name, level);
    }
}
