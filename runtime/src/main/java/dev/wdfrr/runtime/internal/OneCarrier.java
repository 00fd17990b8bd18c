package dev.wdfrr.runtime.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * A scheduler for virtual threads with exactly one carrier, a platform thread of its own: every
 * virtual thread of one exploring lane runs on it, so that handing the baton from one to the
 * next is a continuation switch on the same thread. With the JDK's shared scheduler, the woken
 * thread is often stolen by an idle carrier of another core, which costs a futex wake and a
 * context switch — the very cost virtual threads are meant to save — and, on a loaded machine,
 * the wait until the OS schedules that carrier.
 */
public final class OneCarrier implements Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    /** Set by the carrier before it parks: only then does a new task need to wake it. */
    private volatile boolean idle;

    public OneCarrier(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        // Usually the caller runs on the carrier itself, which is not parked: no unpark then. The
        // volatile add-then-read here and write-then-check in loop() cannot both miss the other.
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    private void loop() {
        for (;;) {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                try {
                    r.run();
                } catch (Throwable ignored) {
                    // a virtual thread's continuation reports its own failures
                }
            }
            if (closed) {
                return;
            }
            idle = true;
            if (tasks.isEmpty() && !closed) {
                LockSupport.park(this);
            }
            idle = false;
        }
    }

    /** Lets the carrier end once its queue is empty (the pool's threads were told to end first). */
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
