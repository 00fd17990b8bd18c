package dev.wdfrr.runtime.internal;

/** The role of a runtime thread. */
enum ThreadKind {
    /** Bootstrap pseudo-thread (id 0), for events before any thread runs. */
    RUNTIME,
    MAIN, WORKER, CPU, ISR, DEVICE, USER,
    /** The system clock that expires timers. */
    CLOCK,
    /** A device's PnP thread (the PnP manager's worker delivering its PnP requests). */
    PNP,
    /** A requester: the thread of a process that sends I/O. */
    REQUESTER;

    /** System threads loop forever waiting for work; scenario threads end. */
    boolean system() {
        return this == WORKER || this == CPU || this == ISR || this == CLOCK;
    }
}
