package dev.wdfrr.runtime.wdf;

import java.util.Objects;

/**
 * How to create a device: its name, synchronization scope (default {@link SyncScope#NONE}) and
 * execution level (default {@link ExecutionLevel#INHERIT_FROM_PARENT}, i.e. DISPATCH).
 */
public record DeviceConfig(String name, SyncScope syncScope, ExecutionLevel executionLevel,
                           ObjectCallback cleanup, ObjectCallback destroy) {
    public DeviceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syncScope, "syncScope");
        Objects.requireNonNull(executionLevel, "executionLevel");
    }

    /** A device with the framework defaults. */
    public static DeviceConfig named(String name) {
        return new DeviceConfig(name, SyncScope.NONE, ExecutionLevel.INHERIT_FROM_PARENT, null, null);
    }

    public DeviceConfig syncScope(SyncScope scope) {
        return new DeviceConfig(name, scope, executionLevel, cleanup, destroy);
    }

    public DeviceConfig executionLevel(ExecutionLevel level) {
        return new DeviceConfig(name, syncScope, level, cleanup, destroy);
    }

    public DeviceConfig cleanup(ObjectCallback callback) {
        return new DeviceConfig(name, syncScope, executionLevel, callback, destroy);
    }

    public DeviceConfig destroy(ObjectCallback callback) {
        return new DeviceConfig(name, syncScope, executionLevel, cleanup, callback);
    }
}
