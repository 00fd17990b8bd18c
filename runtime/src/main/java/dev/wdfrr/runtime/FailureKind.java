package dev.wdfrr.runtime;

/** Why a run failed; {@link #NONE} for a run that passed. Stable ids are traced. */
public enum FailureKind {
    NONE(0, "passed"),
    INVARIANT(1, "invariant violated"),
    EXCEPTION(2, "exception"),
    VIOLATION(3, "verifier violation"),
    DEADLOCK(4, "deadlock"),
    STEP_LIMIT(5, "step limit"),
    STALLED(6, "stalled outside the runtime"),
    DIVERGED(7, "replay diverged");

    private final int id;
    private final String label;

    FailureKind(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    /** A short human label, e.g. {@code "deadlock"}. */
    public String label() {
        return label;
    }

    /** The kind with this id, or null. */
    public static FailureKind ofId(long id) {
        for (FailureKind k : values()) {
            if (k.id == id) {
                return k;
            }
        }
        return null;
    }
}
