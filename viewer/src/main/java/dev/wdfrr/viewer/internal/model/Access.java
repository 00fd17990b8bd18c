package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;

/**
 * Reads and writes of shared locations, as the step view and "what led here" see them: device
 * registers (a location is the device and the register). A new kind of traced location (memory
 * cells) is one more case in {@link #of} and {@link #location}.
 */
public enum Access {
    READ,
    WRITE;

    /** The access an event type makes, or null when it reads or writes no location. */
    public static Access of(int typeId) {
        if (typeId == EventType.REG_READ.id()) {
            return READ;
        }
        if (typeId == EventType.REG_WRITE.id()) {
            return WRITE;
        }
        return null;
    }

    /** The location an access event touches, as one key: the object in the high half, the register in the low. */
    public static long location(int object, int related) {
        return (long) object << 32 | related & 0xffffffffL;
    }

    /** The location of the access at {@code row}. */
    public static long location(EventColumns e, int row) {
        return location(e.object(row), e.related(row));
    }
}
