package dev.wdfrr.runtime.hw;

/**
 * When an I/O source cancels: each request is cancelled ({@code CancelIoEx}) with probability
 * {@code cancelIoFraction}, at a time drawn from [min, max] after it was sent; and one requester's
 * process may exit at {@code processExitAtNanos} (-1: never).
 */
public record CancelPlan(double cancelIoFraction, long cancelAfterMinNanos, long cancelAfterMaxNanos,
                         long processExitAtNanos, int exitingRequester) {
    public CancelPlan {
        if (!(cancelIoFraction >= 0 && cancelIoFraction <= 1)) {
            throw new IllegalArgumentException("cancel fraction must be in [0, 1], got " + cancelIoFraction);
        }
        if (cancelAfterMinNanos < 0 || cancelAfterMaxNanos < cancelAfterMinNanos) {
            throw new IllegalArgumentException("cancel window must have 0 <= min <= max, got " + cancelAfterMinNanos
                    + ".." + cancelAfterMaxNanos);
        }
    }

    public static CancelPlan none() {
        return new CancelPlan(0, 0, 0, -1, 0);
    }
}
