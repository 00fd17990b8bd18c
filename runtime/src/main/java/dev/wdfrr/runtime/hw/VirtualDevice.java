package dev.wdfrr.runtime.hw;

import dev.wdfrr.runtime.wdf.WdfObject;

/**
 * Simulated hardware: registers, FIFOs and an interrupt source. Each arrival of the source
 * runs the {@link HardwareModel} on the device thread and then raises the interrupt when
 * {@link #STATUS} is non-zero and {@link #INTERRUPT_ENABLE} is set; writing a non-zero enable
 * while status is pending raises it too. Interrupts go to a CPU (fixed or round-robin), where
 * the connected interrupt's ISR runs.
 */
public interface VirtualDevice extends WdfObject {
    /** The interrupt status register: non-zero means the device wants service. */
    int STATUS = 0;
    /** The interrupt enable register: non-zero lets the device raise interrupts (1 at reset). */
    int INTERRUPT_ENABLE = 1;

    /** Index of a named register declared in the config. */
    int register(String name);

    /** Reads a register (traced). */
    long read(int register);

    /** Writes a register (traced); may raise a pending interrupt. */
    void write(int register, long value);

    /** A FIFO declared in the config. */
    HardwareFifo fifo(String name);

    /** Starts delivering arrivals on the device thread. */
    void start();

    /** Stops delivering arrivals; arrivals already delivered are still serviced. */
    void stop();

    /** Number of arrivals delivered so far. */
    long arrivals();
}
