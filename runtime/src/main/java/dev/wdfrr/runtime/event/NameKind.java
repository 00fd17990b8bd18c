package dev.wdfrr.runtime.event;

/**
 * What a name event names. A {@link #SITE} is a place in driver code ({@code Class.method(File.java:42)}):
 * a replay matches sites by id, not by text, so that moving code lines does not make it diverge.
 */
public enum NameKind {
    THREAD(1), OBJECT(2), STRING(3), SITE(4);

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
