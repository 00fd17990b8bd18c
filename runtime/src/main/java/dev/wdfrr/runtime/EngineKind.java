package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.Strategy;

/** Which engine runs the runtime's threads and says what time it is. */
public enum EngineKind {
    /** Real threads, real concurrency, {@code System.nanoTime}. */
    LIVE,
    /** One thread at a time chosen by a {@link Strategy}, virtual time, reproducible. */
    DETERMINISTIC;

    /** Parses {@code live} or {@code deterministic} (case-insensitive). */
    public static EngineKind parse(String s) {
        for (EngineKind k : values()) {
            if (k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + s + "' (expected live or deterministic)");
    }
}
