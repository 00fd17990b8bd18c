package dev.wdfrr.runtime.engine;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * Platform threads kept between deterministic runs, so that an explorer running thousands of
 * short schedules does not create and destroy a dozen threads per schedule. A pool serves one
 * run at a time (use one pool per exploring thread); {@link #close()} ends its idle threads.
 */
public final class CarrierPool implements AutoCloseable {
    private final String name;
    private final ArrayDeque<Carrier> idle = new ArrayDeque<>();
    private volatile boolean closed;
    private int created;

    public CarrierPool(String name) {
        this.name = name;
    }

    /** Runs {@code task} on an idle carrier, or a new one; returns the thread that runs it. */
    public Thread start(Runnable task) {
        Carrier c;
        synchronized (idle) {
            if (closed) {
                throw new IllegalStateException("carrier pool " + name + " is closed");
            }
            c = idle.poll();
            if (c == null) {
                c = new Carrier(name + "-" + created++);
            }
        }
        c.task = task;
        LockSupport.unpark(c.thread);
        return c.thread;
    }

    private void release(Carrier c) {
        synchronized (idle) {
            if (!closed) {
                idle.push(c);
            }
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            for (Carrier c : idle) {
                LockSupport.unpark(c.thread);
            }
            idle.clear();
        }
    }

    /** One pooled thread: parks until given a task, runs it, goes back to the pool. */
    private final class Carrier implements Runnable {
        final Thread thread;
        volatile Runnable task;

        Carrier(String threadName) {
            thread = new Thread(this, threadName);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            for (;;) {
                Runnable r;
                while ((r = task) == null) {
                    if (closed) {
                        return;
                    }
                    LockSupport.park(this); // stray unparks from an earlier run just loop here
                }
                task = null;
                try {
                    r.run();
                } catch (Throwable ignored) {
                    // the engine reports failures of the code it runs; a carrier must survive them
                } finally {
                    Thread.interrupted();
                    release(this);
                }
                if (closed) {
                    return;
                }
            }
        }
    }
}
