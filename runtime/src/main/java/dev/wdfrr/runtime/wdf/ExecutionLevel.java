package dev.wdfrr.runtime.wdf;

/**
 * Execution level of a device or queue ({@code WDF_EXECUTION_LEVEL}). The default,
 * {@link #INHERIT_FROM_PARENT}, resolves to the driver's level, which is {@link #DISPATCH}
 * unless the driver says otherwise: this is why automatic serialization under a Device scope
 * fails with "incompatible execution level" unless the device asks for {@link #PASSIVE}.
 */
public enum ExecutionLevel {
    PASSIVE, DISPATCH, INHERIT_FROM_PARENT
}
