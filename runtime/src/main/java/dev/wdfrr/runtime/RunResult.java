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

    /**
     * When the run ended in another kind of failure (a hang, an exception, a broken invariant) but
     * the verifier also reported violations: one line naming how many and the first, which is
     * often the cause of what ended the run ("also: 2 verifier violations, the first: …");
     * otherwise empty. The summary names only the failure that ended the run.
     */
    public String otherViolations() {
        if (failure == FailureKind.NONE || failure == FailureKind.VIOLATION || violations.isEmpty()) {
            return "";
        }
        int n = violations.size();
        return "also: " + n + " verifier violation" + (n == 1 ? "" : "s") + (n == 1 ? ": " : ", the first: ") + violations.get(0);
    }
}
