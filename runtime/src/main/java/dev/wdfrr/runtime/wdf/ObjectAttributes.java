package dev.wdfrr.runtime.wdf;

/**
 * {@code WDF_OBJECT_ATTRIBUTES}: the mandatory parent, an optional typed context (a class with a
 * no-argument constructor, so its fields start zeroed), cleanup and destroy callbacks, and a name
 * for traces.
 */
public record ObjectAttributes<C>(WdfObject parent, Class<C> contextType, ObjectCallback cleanup,
                                  ObjectCallback destroy, String name) {

    /** Attributes with the given parent and nothing else. */
    public static ObjectAttributes<Void> parent(WdfObject parent) {
        return new ObjectAttributes<>(parent, null, null, null, null);
    }

    /** Attributes with no parent: creating a work item with them fails ("parent not specified"). */
    public static ObjectAttributes<Void> none() {
        return new ObjectAttributes<>(null, null, null, null, null);
    }

    /** Declares a typed context, created zero-initialised with the object. */
    public <T> ObjectAttributes<T> context(Class<T> type) {
        return new ObjectAttributes<>(parent, type, cleanup, destroy, name);
    }

    public ObjectAttributes<C> cleanup(ObjectCallback callback) {
        return new ObjectAttributes<>(parent, contextType, callback, destroy, name);
    }

    public ObjectAttributes<C> destroy(ObjectCallback callback) {
        return new ObjectAttributes<>(parent, contextType, cleanup, callback, name);
    }

    public ObjectAttributes<C> name(String objectName) {
        return new ObjectAttributes<>(parent, contextType, cleanup, destroy, objectName);
    }
}
