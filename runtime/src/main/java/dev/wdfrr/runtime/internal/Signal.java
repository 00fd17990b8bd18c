package dev.wdfrr.runtime.internal;

/**
 * Tells the deterministic engine that some state a {@link Wait} reads has changed. A wait that
 * offers a signal ({@link Wait#signal()}) promises that while the signal is not raised, the wait
 * cannot become ready; the engine then re-evaluates it only after a raise instead of at every
 * step. The components raise it wherever that state changes in the wait's favour (an item added
 * to a queue the wait finds empty). Kernel-guarded: only the baton holder raises or reads it.
 */
final class Signal {
    /** Raises so far; the engine compares it with the count it saw at its last evaluation. */
    long raised;

    void raise() {
        raised++;
    }
}
