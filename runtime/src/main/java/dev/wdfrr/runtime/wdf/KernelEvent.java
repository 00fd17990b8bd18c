package dev.wdfrr.runtime.wdf;

/**
 * A kernel event ({@code KEVENT}, {@code KeInitializeEvent}): the way driver code waits for
 * something another thread does (a stop path waiting for the last I/O to finish) without polling.
 * Made by {@link dev.wdfrr.runtime.WdfRuntime#createEvent}. Every call is a scheduling point
 * and traced; a set orders what the setter did before it before what a waiter it satisfies does
 * after (the race report's happens-before).
 *
 * <p>Semantics (Windows' dispatcher objects): a {@link Type#NOTIFICATION} event, once set,
 * satisfies every waiter and stays signaled until cleared; a {@link Type#SYNCHRONIZATION} event
 * satisfies one waiter (the longest waiting) and is non-signaled again, or stays signaled until
 * one wait consumes it. A thread that waits on an event nothing can set any more is reported in
 * the deadlock report.
 */
public interface KernelEvent {
    /** {@code EVENT_TYPE}. */
    enum Type {
        /** {@code NotificationEvent}: manual reset. */
        NOTIFICATION,
        /** {@code SynchronizationEvent}: auto reset, one waiter per set. */
        SYNCHRONIZATION
    }

    /** The event's name in traces. */
    String name();

    Type type();

    /**
     * {@code KeSetEvent}: signals the event, satisfying waiters as its type says. Max IRQL
     * DISPATCH. Returns whether it was signaled before (the previous state).
     */
    boolean set();

    /** {@code KeClearEvent}: non-signaled. Max IRQL DISPATCH. */
    void clear();

    /** {@code KeResetEvent}: non-signaled; returns whether it was signaled before. Max IRQL DISPATCH. */
    boolean reset();

    /**
     * {@code KeWaitForSingleObject} without a timeout: returns once the event satisfies the wait.
     * At PASSIVE or APC only.
     */
    void await();

    /**
     * {@code KeWaitForSingleObject} with a timeout: true when the event satisfied the wait
     * ({@code STATUS_SUCCESS}), false when the time passed first ({@code STATUS_TIMEOUT}). A zero
     * timeout tests the event without waiting and is the only wait allowed at DISPATCH; otherwise
     * PASSIVE or APC.
     */
    boolean await(long timeoutNanos);
}
