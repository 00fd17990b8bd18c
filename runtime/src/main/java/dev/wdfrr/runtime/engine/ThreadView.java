package dev.wdfrr.runtime.engine;

import dev.wdfrr.runtime.event.EventType;

/** What a {@link Strategy} sees of a runtime thread that could run next. */
public interface ThreadView {
    /** Thread id, assigned in creation order: stable across replays. */
    int threadId();

    /** Logical name: {@code main}, {@code worker-0}, {@code cpu-1}, {@code isr-0}, {@code device}, … */
    String threadName();

    /** The event type of the operation it is about to perform. */
    EventType pendingOperation();

    /** The object that operation concerns, or 0. */
    int pendingObject();

    /**
     * True when the thread is enabled only because time may pass for it: it is sleeping through
     * modelled work, or waiting with a timeout for something that has not happened. Running it
     * means waking it up (or timing it out), not performing {@link #pendingOperation()}.
     */
    boolean timedWait();
}
