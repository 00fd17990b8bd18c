package dev.wdfrr.tracer;

/** A trace cannot be opened or read: not a trace, an unknown format version, or corrupt data. The message is one line naming the problem. */
public class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
