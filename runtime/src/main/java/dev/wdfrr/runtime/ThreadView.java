package dev.wdfrr.runtime;

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
}
