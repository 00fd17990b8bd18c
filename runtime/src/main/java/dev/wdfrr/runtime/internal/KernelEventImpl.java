package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.wdf.KernelEvent;

import java.util.ArrayDeque;

/** One kernel event's state, guarded by the kernel: signaled, how many sets so far, who waits (longest first). */
final class KernelEventImpl implements KernelEvent {
    final KernelEvents events;
    final int id;
    final String name;
    final Type type;
    boolean signaled;
    /** Sets so far: the number of the next set is this plus one; 0 names the initial state. */
    int sets;
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /** A thread blocked in a wait, and the number of the set that satisfied it (-1 while none has). */
    static final class Waiter {
        final LogicalThread thread;
        int satisfiedBy = -1;

        Waiter(LogicalThread thread) {
            this.thread = thread;
        }
    }

    KernelEventImpl(KernelEvents events, int id, String name, Type type, boolean signaled) {
        this.events = events;
        this.id = id;
        this.name = name;
        this.type = type;
        this.signaled = signaled;
    }

    String describe() {
        return (type == Type.NOTIFICATION ? "notification" : "synchronization") + " event '" + name + "' (#" + id + ")";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Type type() {
        return type;
    }

    @Override
    public boolean set() {
        return events.set(this);
    }

    @Override
    public void clear() {
        events.clear(this, "KeClearEvent");
    }

    @Override
    public boolean reset() {
        return events.clear(this, "KeResetEvent");
    }

    @Override
    public void await() {
        events.await(this, -1);
    }

    @Override
    public boolean await(long timeoutNanos) {
        return events.await(this, timeoutNanos);
    }

    @Override
    public String toString() {
        return describe();
    }
}
