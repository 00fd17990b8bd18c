package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.hw.VirtualDevice;

/**
 * The hardware side of an interrupt: the line an interrupt object connects to. Implemented by
 * the virtual hardware, which sits above the interrupt component and raises through it.
 */
interface InterruptLine extends VirtualDevice {
    /** The interrupt connected to this line, or null. Inside enter/exit. */
    InterruptImpl connected();

    /** Connects an interrupt to the line, or disconnects it (null). Inside enter/exit. */
    void connect(InterruptImpl interrupt);

    /** The line belongs to the runtime whose objects live in {@code lifetime}. */
    boolean belongsTo(Lifetime lifetime);

    /** Inside enter/exit: the interrupt was connected and enabled again: raise it if status is still pending ([P15]). */
    void raisePending(LogicalThread t);

    int id();

    /** The CPU this line's interrupts go to, or -1 for round-robin. */
    int targetCpu();

    String describe();
}
