package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;

/**
 * Reads and writes of shared locations, as the step view and "what led here" see them: device
 * registers (a location is the device and the register) and traced memory cells (a location is
 * the cell). A new kind of traced location is one more case in {@link #of} and {@link #location}.
 */
public enum Access {
    READ,
    WRITE;

    /** The low half of a cell's location: no register has this index. */
    private static final long CELL = 0xFFFFFFFFL;

    /** The access an event type makes, or null when it reads or writes no location. */
    public static Access of(int typeId) {
        if (typeId == EventType.REG_READ.id() || typeId == EventType.MEM_READ.id()) {
            return READ;
        }
        if (typeId == EventType.REG_WRITE.id() || typeId == EventType.MEM_WRITE.id()) {
            return WRITE;
        }
        return null;
    }

    /** Whether an access event type touches a traced cell (else a register). */
    public static boolean isCell(int typeId) {
        return typeId == EventType.MEM_READ.id() || typeId == EventType.MEM_WRITE.id();
    }

    /**
     * The location an access event touches, as one key: the object in the high half; in the low
     * half the register, or for a cell a value no register has (a cell's {@code related} says
     * whether the access was atomic, not where it went).
     */
    public static long location(int typeId, int object, int related) {
        return (long) object << 32 | (isCell(typeId) ? CELL : related & 0xffffffffL);
    }

    /** The location of cell {@code object}. */
    public static long cell(int object) {
        return (long) object << 32 | CELL;
    }

    /** The location of the access at {@code row}. */
    public static long location(EventColumns e, int row) {
        return location(e.typeId(row), e.object(row), e.related(row));
    }
}
