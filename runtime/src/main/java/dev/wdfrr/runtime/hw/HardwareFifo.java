package dev.wdfrr.runtime.hw;

/**
 * A hardware FIFO of a virtual device, such as a receive ring or a DMA completion list. The
 * hardware model pushes; the driver pops. Both are traced, so replays see the same values.
 */
public interface HardwareFifo {
    /** Hardware side: appends a value. */
    void push(long value);

    /** Driver side: removes the oldest value, or returns -1 when empty. */
    long pop();

    /** Number of values waiting. */
    int size();

    /** The FIFO's name. */
    String name();
}
