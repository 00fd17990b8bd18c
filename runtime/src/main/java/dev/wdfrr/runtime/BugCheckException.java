package dev.wdfrr.runtime;

/** What would be a bug check (blue screen) in the kernel, such as using a freed handle. Always thrown. */
public class BugCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BugCheckException(String message) {
        super(message);
    }
}
