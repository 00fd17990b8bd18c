package dev.wdfrr.viewer.internal.model;

/** Why one step made another possible: the kinds of arrow the step view draws. */
public enum CauseKind {
    /** A request moving on: interrupt → ISR, DPC queued → DPC runs, work item enqueued → its callback. */
    REQUEST("request"),
    /** A lock released on one thread and then acquired on another. */
    LOCK("lock release → acquire"),
    /** A kernel event set on one thread, satisfying a wait on another. */
    EVENT("event set → wait"),
    /** A value written by one thread and read by another: a register or a traced cell. */
    DATA("write → read");

    private final String label;

    CauseKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
