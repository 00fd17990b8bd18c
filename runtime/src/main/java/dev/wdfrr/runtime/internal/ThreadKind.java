package dev.wdfrr.runtime.internal;

/** The role of a runtime thread. */
enum ThreadKind {
    /** Bootstrap pseudo-thread (id 0), for events before any thread runs. */
    RUNTIME,
    MAIN, WORKER, CPU, ISR, DEVICE, USER;

    /** System threads loop forever waiting for work; scenario threads end. */
    boolean system() {
        return this == WORKER || this == CPU || this == ISR;
    }
}
