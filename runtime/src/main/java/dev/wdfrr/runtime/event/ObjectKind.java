package dev.wdfrr.runtime.event;

/** Kinds of runtime object; traced as the argument of object-create events. */
public enum ObjectKind {
    DRIVER(1, "driver"), DEVICE(2, "device"), QUEUE(3, "queue"), WORK_ITEM(4, "work item"),
    INTERRUPT(5, "interrupt"), SPIN_LOCK(6, "spin lock"), WAIT_LOCK(7, "wait lock"), GENERIC(8, "object"),
    VIRTUAL_DEVICE(9, "virtual device"), FIFO(10, "FIFO"), CALLBACK_LOCK(11, "callback lock"),
    REQUEST(12, "request"), TIMER(13, "timer"), DPC(14, "DPC"), IO_SOURCE(15, "I/O source"), REQUESTER(16, "requester");

    private final int id;
    private final String label;

    ObjectKind(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    /** How messages name an object of this kind: "work item 'rx' (#7)". */
    public String label() {
        return label;
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
