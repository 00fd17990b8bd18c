package dev.wdfrr.runtime.event;

/** Kinds of runtime object; traced as the argument of object-create events. */
public enum ObjectKind {
    DRIVER(1), DEVICE(2), QUEUE(3), WORK_ITEM(4), INTERRUPT(5), SPIN_LOCK(6), WAIT_LOCK(7),
    GENERIC(8), VIRTUAL_DEVICE(9), FIFO(10), CALLBACK_LOCK(11);

    private final int id;

    ObjectKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The kind with this id, or null. */
    public static ObjectKind ofId(long id) {
        for (ObjectKind k : values()) {
            if (k.id == id) {
                return k;
            }
        }
        return null;
    }
}
