package dev.wdfrr.viewer.internal.model;

/**
 * Asks a long read to stop. A volatile flag the reading loop checks, never
 * {@link Thread#interrupt()}: Chronicle Queue does not tolerate a reading thread being
 * interrupted.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
