package dev.wdfrr.runtime.event;

/** What a traced cell holds; the argument of {@link EventType#CELL_CREATE}. */
public enum CellKind {
    LONG(1), BOOLEAN(2), REFERENCE(3);

    private final int id;

    CellKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The kind with this id, or null. */
    public static CellKind ofId(long id) {
        for (CellKind k : values()) {
            if (k.id == id) {
                return k;
            }
        }
        return null;
    }
}
