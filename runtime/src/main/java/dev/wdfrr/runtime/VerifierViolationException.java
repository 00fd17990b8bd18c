package dev.wdfrr.runtime;

/**
 * Thrown at a verifier violation when the run asks for it ({@link RunConfig#throwOnViolation()}),
 * like the framework verifier breaking into the debugger. The violation is traced either way.
 */
public class VerifierViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Rule rule;

    public VerifierViolationException(Rule rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule that was broken. */
    public Rule rule() {
        return rule;
    }
}
