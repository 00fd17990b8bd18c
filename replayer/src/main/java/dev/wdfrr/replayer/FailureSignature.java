package dev.wdfrr.replayer;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunResult;

/**
 * What "fails the same way" means when shrinking: the same kind of failure, and for verifier
 * violations the same rule, for exceptions the same exception class. Counts in messages may
 * differ (a shrunk run has fewer packets).
 */
public record FailureSignature(FailureKind kind, String detail) {
    public static FailureSignature of(RunResult r) {
        String detail = switch (r.failure()) {
            case VIOLATION -> r.message().contains(":") ? r.message().substring(0, r.message().indexOf(':')) : r.message();
            case EXCEPTION -> r.cause() != null ? r.cause().getClass().getName() : "";
            default -> "";
        };
        return new FailureSignature(r.failure(), detail);
    }

    @Override
    public String toString() {
        return kind.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
