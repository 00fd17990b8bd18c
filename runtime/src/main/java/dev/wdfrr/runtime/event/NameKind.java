package dev.wdfrr.runtime.event;

/** What a name event names. */
public enum NameKind {
    THREAD(1), OBJECT(2), STRING(3);

    private final int id;

    NameKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The kind with this id, or null. */
    public static NameKind ofId(int id) {
        for (NameKind k : values()) {
            if (k.id == id) {
                return k;
            }
        }
        return null;
    }
}
