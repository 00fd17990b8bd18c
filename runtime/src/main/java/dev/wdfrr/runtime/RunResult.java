package dev.wdfrr.runtime;

import java.util.List;

/**
 * How a run ended.
 *
 * @param failure    {@link FailureKind#NONE} when it passed
 * @param message    what failed (the first failure), or "passed"
 * @param violations every verifier violation message, in order
 * @param events     number of events reported to the sink
 * @param steps      scheduling decisions made (deterministic engine), else 0
 * @param endTimeNanos the run's clock at the end
 * @param cause      the exception behind an {@link FailureKind#EXCEPTION} failure, else null
 */
public record RunResult(FailureKind failure, String message, List<String> violations, long events,
                        long steps, long endTimeNanos, Throwable cause) {
    public RunResult {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return failure == FailureKind.NONE;
    }

    /** One line: {@code passed} or {@code deadlock: main waits for …}. */
    public String summary() {
        return passed() ? "passed" : failure.label() + ": " + message;
    }
}
