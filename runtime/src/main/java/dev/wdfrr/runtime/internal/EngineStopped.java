package dev.wdfrr.runtime.internal;

/**
 * Unwinds a runtime thread when its run has ended (finished, deadlocked, stopped). An Error so
 * that driver code catching Exception does not swallow it.
 */
final class EngineStopped extends Error {
    private static final long serialVersionUID = 1L;

    /**
     * The one instance every engine throws: it carries no stack trace, cause or suppressed
     * exceptions, so nothing about it differs between throws, and a run's end (which unwinds
     * every parked thread) allocates nothing.
     */
    static final EngineStopped INSTANCE = new EngineStopped();

    private EngineStopped() {
        super("run ended", null, false, false);
    }
}
