package dev.wdfrr.runtime.engine;

import dev.wdfrr.runtime.FailureKind;

/**
 * Thrown by a {@link Strategy} that cannot go on, such as a replay whose recorded next thread is
 * not among the enabled ones. The deterministic engine ends the run with
 * {@link FailureKind#DIVERGED} and this message.
 */
public class ScheduleDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScheduleDivergedException(String message) {
        super(message);
    }
}
