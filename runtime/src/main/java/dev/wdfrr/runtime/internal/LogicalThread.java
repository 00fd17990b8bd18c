package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.locks.Condition;

/**
 * A runtime thread as the kernel and engines see it: its IRQL, the locks it holds, the
 * callback it is running, and the engine's bookkeeping. Engine fields are touched only by the
 * engine that owns the thread.
 */
final class LogicalThread implements ThreadView {
    enum Status { RUNNABLE, BLOCKED, SLEEPING, DONE }

    final int id;
    final String name;
    final ThreadKind kind;
    /** CPU for ISR and DPC threads, -1 otherwise. */
    final int cpu;
    final SplittableRandom random;
    /**
     * The live engine's draws of the values a strategy would choose ({@link Kernel#choose}),
     * apart from {@link #random} so that a replay, which takes them from the trace, leaves the
     * driver's own draws as they were.
     */
    final SplittableRandom choices;

    Irql irql = Irql.PASSIVE;
    /** Locks held, in acquisition order. */
    final ArrayList<LockState> held = new ArrayList<>(4);
    /** The innermost callback frame this thread is running, or null. */
    Frame frame;
    /**
     * Holds this thread at every runtime call while it is not ready: what preempts it (the ISR
     * on a DPC's CPU). Null for none.
     */
    Wait gate;
    /** A scenario thread whose body has returned (kernel-guarded). */
    boolean ended;

    // --- engine bookkeeping ---
    Thread platform;
    /** Deterministic engine: the body of a thread registered but not launched yet (it has not had a turn). */
    Runnable body;
    volatile boolean turn;
    Status status = Status.RUNNABLE;
    Wait wait;
    /** Deterministic engine: the signal of a wait found not ready, and its raise count then (see {@link Wait#signal()}). */
    Signal signal;
    long signalSeen;
    long deadline = -1;
    long wakeTime;
    EventType pendingOp = EventType.THREAD_START;
    int pendingObject;
    /** Live engine: this thread's condition on the kernel lock, and whether it was signalled. */
    Condition condition;
    boolean signalled;

    LogicalThread(int id, String name, ThreadKind kind, int cpu, long seed) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.cpu = cpu;
        // Seeded from the run seed and the name, so each thread's draws do not depend on interleaving.
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
        this.choices = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L ^ name.hashCode());
    }

    @Override
    public int threadId() {
        return id;
    }

    @Override
    public String threadName() {
        return name;
    }

    @Override
    public EventType pendingOperation() {
        return pendingOp;
    }

    @Override
    public int pendingObject() {
        return pendingObject;
    }

    @Override
    public boolean timedWait() {
        return status == Status.SLEEPING || status == Status.BLOCKED && wait != null && !wait.ready();
    }

    /** What this thread is doing, for deadlock and stall reports. */
    String describe() {
        if (status == Status.BLOCKED && wait != null) {
            return name + " waits for " + wait.describe();
        }
        return name + " at " + pendingOp.wireName() + (pendingObject != 0 ? " #" + pendingObject : "");
    }

    @Override
    public String toString() {
        return name;
    }

    /** A callback being run on this thread: a work-item instance, a DPC or an ISR. */
    static final class Frame {
        final Frame outer;
        /** The object whose callback this is, or 0 (an ISR or DPC frame names its interrupt in {@link #what}). */
        final int objectId;
        final String what;
        final int heldMark;

        Frame(Frame outer, int objectId, String what, int heldMark) {
            this.outer = outer;
            this.objectId = objectId;
            this.what = what;
            this.heldMark = heldMark;
        }
    }
}
