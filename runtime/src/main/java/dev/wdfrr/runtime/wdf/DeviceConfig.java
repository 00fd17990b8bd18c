package dev.wdfrr.runtime.wdf;

import java.util.Objects;

/**
 * How to create a device: its name, synchronization scope (default {@link SyncScope#NONE}) and
 * execution level (default {@link ExecutionLevel#INHERIT_FROM_PARENT}, i.e. DISPATCH), cleanup
 * and destroy callbacks, its PnP and power callbacks ({@code WdfDeviceInitSetPnpPowerEventCallbacks})
 * and the attributes of its requests ({@code WdfDeviceInitSetRequestAttributes}: a context type and
 * a cleanup callback that runs inside each request's completion).
 */
public record DeviceConfig(String name, SyncScope syncScope, ExecutionLevel executionLevel,
                           ObjectCallback cleanup, ObjectCallback destroy, PnpPowerCallbacks pnpPower,
                           Class<?> requestContextType, ObjectCallback requestCleanup) {
    public DeviceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syncScope, "syncScope");
        Objects.requireNonNull(executionLevel, "executionLevel");
        pnpPower = pnpPower == null ? PnpPowerCallbacks.none() : pnpPower;
    }

    public DeviceConfig(String name, SyncScope syncScope, ExecutionLevel executionLevel, ObjectCallback cleanup,
                        ObjectCallback destroy) {
        this(name, syncScope, executionLevel, cleanup, destroy, null, null, null);
    }

    /** A device with the framework defaults. */
    public static DeviceConfig named(String name) {
        return new DeviceConfig(name, SyncScope.NONE, ExecutionLevel.INHERIT_FROM_PARENT, null, null);
    }

    public DeviceConfig syncScope(SyncScope scope) {
        return new DeviceConfig(name, scope, executionLevel, cleanup, destroy, pnpPower, requestContextType, requestCleanup);
    }

    public DeviceConfig executionLevel(ExecutionLevel level) {
        return new DeviceConfig(name, syncScope, level, cleanup, destroy, pnpPower, requestContextType, requestCleanup);
    }

    public DeviceConfig cleanup(ObjectCallback callback) {
        return new DeviceConfig(name, syncScope, executionLevel, callback, destroy, pnpPower, requestContextType, requestCleanup);
    }

    public DeviceConfig destroy(ObjectCallback callback) {
        return new DeviceConfig(name, syncScope, executionLevel, cleanup, callback, pnpPower, requestContextType, requestCleanup);
    }

    /** {@code WdfDeviceInitSetPnpPowerEventCallbacks}. */
    public DeviceConfig pnpPower(PnpPowerCallbacks callbacks) {
        return new DeviceConfig(name, syncScope, executionLevel, cleanup, destroy, callbacks, requestContextType, requestCleanup);
    }

    /** {@code WdfDeviceInitSetRequestAttributes}: each request's context type and cleanup callback. */
    public DeviceConfig requestAttributes(Class<?> contextType, ObjectCallback cleanupCallback) {
        return new DeviceConfig(name, syncScope, executionLevel, cleanup, destroy, pnpPower, contextType, cleanupCallback);
    }
}
