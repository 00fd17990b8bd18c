package dev.wdfrr.runtime.event;

import dev.wdfrr.runtime.Rule;

/** Kinds of lock the runtime models; traced as the argument of lock events. */
public enum LockKind {
    SPIN(1, Rule.WDF_SPINLOCK),
    WAIT(2, Rule.WDF_WAITLOCK),
    INTERRUPT(3, Rule.WDF_INTERRUPT_LOCK),
    /** The callback lock that automatic serialization holds around callbacks. */
    CALLBACK(4, Rule.WDF_WAITLOCK);

    private final int id;
    private final Rule rule;

    LockKind(int id, Rule rule) {
        this.id = id;
        this.rule = rule;
    }

    public int id() {
        return id;
    }

    /** The verifier rule that covers misuse of this kind of lock. */
    public Rule rule() {
        return rule;
    }

    /** The kind with this id, or null. */
    public static LockKind ofId(long id) {
        for (LockKind k : values()) {
            if (k.id == id) {
                return k;
            }
        }
        return null;
    }
}
