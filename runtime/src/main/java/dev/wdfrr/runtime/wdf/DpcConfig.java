package dev.wdfrr.runtime.wdf;

import java.util.Objects;

/** {@code WDF_DPC_CONFIG}: the callback and automatic serialization (default TRUE, as {@code WDF_DPC_CONFIG_INIT} sets it). */
public record DpcConfig(EvtDpcFunc callback, boolean automaticSerialization) {
    public DpcConfig {
        Objects.requireNonNull(callback, "callback");
    }

    /** {@code WDF_DPC_CONFIG_INIT}. */
    public static DpcConfig init(EvtDpcFunc callback) {
        return new DpcConfig(callback, true);
    }

    public DpcConfig automaticSerialization(boolean serialized) {
        return new DpcConfig(callback, serialized);
    }
}
