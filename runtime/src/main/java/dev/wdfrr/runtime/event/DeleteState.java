package dev.wdfrr.runtime.event;

/** The state a delete found its work item in; traced as the argument of a delete event. */
public enum DeleteState {
    /** Created and never enqueued, or idle after its callbacks returned: cleaned up at once. */
    IDLE(0),
    /** Enqueued, not started: the delete waits until the callback has run. */
    QUEUED(1),
    /** Running, delete from inside its own callback: cleanup runs inside the delete, destroy after the callback returns. */
    RUNNING_OWN_CALLBACK(2),
    /** Running, delete from another thread: waits for the callback. */
    RUNNING_OTHER_THREAD(3),
    /** Already deleted: a use after delete. */
    DELETED(4),
    /** Its parent's deletion already runs: nothing happens now, the parent's cascade disposes it. */
    PARENT_DELETING(5);

    /** Bit set in the event argument when the dispose was deferred to the dispose list (delete at DISPATCH). */
    public static final int DEFERRED_FLAG = 0x100;

    private final int id;

    DeleteState(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Decodes the state from a delete event's argument (ignoring the deferred flag). */
    public static DeleteState ofArg(long arg) {
        int id = (int) (arg & 0xff);
        for (DeleteState s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }
}
