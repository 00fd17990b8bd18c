package dev.wdfrr.runtime.wdf;

import java.util.Objects;

/** How to create a queue: name, scope and level (both default to inheriting from the device). */
public record QueueConfig(String name, SyncScope syncScope, ExecutionLevel executionLevel) {
    public QueueConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syncScope, "syncScope");
        Objects.requireNonNull(executionLevel, "executionLevel");
    }

    /** A queue that inherits scope and level from its device. */
    public static QueueConfig named(String name) {
        return new QueueConfig(name, SyncScope.INHERIT_FROM_PARENT, ExecutionLevel.INHERIT_FROM_PARENT);
    }

    public QueueConfig syncScope(SyncScope scope) {
        return new QueueConfig(name, scope, executionLevel);
    }

    public QueueConfig executionLevel(ExecutionLevel level) {
        return new QueueConfig(name, syncScope, level);
    }
}
