package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;

/**
 * Who runs the runtime's threads and what time it is. Kernel code brackets every operation in
 * {@link #enter}/{@link #exit}: entering is a scheduling point and gives the thread exclusive
 * access to kernel state until it exits or blocks in {@link #await}. Driver code never runs
 * between enter and exit.
 */
abstract class Engine {
    /** Nanoseconds since the run started. */
    abstract long now();

    /** Registers a thread and starts it (it runs its body when the engine lets it). */
    abstract void start(LogicalThread thread, Runnable body);

    /** Scheduling point: the thread announces {@code op} on {@code object}, then holds the kernel. */
    abstract void enter(LogicalThread thread, EventType op, int object);

    /**
     * Like {@link #enter}, for a step that begins by waiting for {@code wait} (a system thread at
     * the top of its loop, main waiting for quiescence): the caller then awaits {@code wait} inside
     * enter/exit as usual. Until the wait holds, the step is only going to sleep, which no other
     * thread can observe; the deterministic engine therefore puts the thread to sleep at once
     * instead of offering that step as a choice. Other engines just enter.
     */
    void enterWaiting(LogicalThread thread, EventType op, Wait wait) {
        enter(thread, op, 0);
    }

    /** Releases the kernel. */
    abstract void exit(LogicalThread thread);

    /**
     * Inside enter/exit: waits until {@code wait} is ready or the deadline (engine time, -1 for
     * none) passes. Other threads use the kernel meanwhile.
     *
     * @return true when ready, false on timeout
     */
    abstract boolean await(LogicalThread thread, Wait wait, long deadline);

    /** Outside enter/exit: modelled work taking {@code nanos}. */
    abstract void work(LogicalThread thread, long nanos);

    /** Outside enter/exit: waits until engine time reaches {@code time} (the device thread). */
    abstract void sleepUntil(LogicalThread thread, long time);

    /** Inside enter/exit: a value in [lo, hi] (lo &lt; hi) chosen for {@code thread} (see {@link Kernel#choose}). */
    abstract long choose(LogicalThread thread, long lo, long hi);

    /** Runs the registered threads until the run ends; called once, on the caller's thread. */
    abstract void runToEnd();

    /** Asks the run to stop at the next scheduling point with this outcome. */
    abstract void requestStop(FailureKind kind, String message);

    /** Main has ended normally: stop idle system threads. Called with the kernel held. */
    abstract void mainEnded();

    /** Waits (bounded) for every platform thread to end. */
    abstract void joinThreads();

    /** Scheduling decisions made so far (0 for the live engine). */
    abstract long steps();

    /** True once the run has ended. */
    abstract boolean stopped();
}
