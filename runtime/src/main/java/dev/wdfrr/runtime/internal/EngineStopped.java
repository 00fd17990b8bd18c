package dev.wdfrr.runtime.internal;

/**
 * Unwinds a runtime thread when its run has ended (finished, deadlocked, stopped). An Error so
 * that driver code catching Exception does not swallow it.
 */
final class EngineStopped extends Error {
    private static final long serialVersionUID = 1L;

    EngineStopped() {
        super("run ended", null, false, false);
    }
}
