package dev.wdfrr.cli;

/** Bad input the user can fix (missing file, not a trace, unknown scenario): one line, exit 2. */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
