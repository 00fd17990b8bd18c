package dev.wdfrr.runtime;

/**
 * Interrupt request level of a runtime thread, lowest to highest. Models the kernel's
 * {@code PASSIVE_LEVEL < APC_LEVEL < DISPATCH_LEVEL < DIRQL}.
 */
public enum Irql {
    PASSIVE, APC, DISPATCH, DIRQL;

    /** True when this level is strictly above {@code other}. */
    public boolean above(Irql other) {
        return compareTo(other) > 0;
    }

    private static final Irql[] VALUES = values();

    /** The level with the given ordinal, as stored in events. */
    public static Irql ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
