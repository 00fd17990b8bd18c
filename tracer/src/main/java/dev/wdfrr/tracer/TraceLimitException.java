package dev.wdfrr.tracer;

/** A trace goes beyond one of the {@link TraceLimits}: the message says which, and where. */
public class TraceLimitException extends TraceException {
    private static final long serialVersionUID = 1L;

    public TraceLimitException(String message) {
        super(message);
    }
}
