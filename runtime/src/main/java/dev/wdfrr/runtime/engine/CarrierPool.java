package dev.wdfrr.runtime.engine;

import dev.wdfrr.runtime.internal.OneCarrier;
import dev.wdfrr.runtime.internal.VirtualThreads;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads the deterministic engine runs its logical threads on. Only one logical thread runs
 * at a time, so handing the baton over is the engine's main cost:
 * <ul>
 *   <li>{@link Kind#VIRTUAL} (JDK 21 and later, the default there): virtual threads; a handoff
 *       is a continuation switch (a few hundred nanoseconds).</li>
 *   <li>{@link Kind#PLATFORM}: platform threads; a handoff is a futex wake and a context switch
 *       (microseconds). The only kind on Java 17.</li>
 * </ul>
 * Either way the threads are kept between runs, so that an explorer running thousands of short
 * schedules does not create and destroy a dozen threads per schedule. On JDK 24 and later a
 * virtual pool runs all its threads, and the thread that drives its runs ({@link #newDriver}), on
 * one carrier of its own, so that no handoff leaves that carrier; where the JDK does not allow
 * that (see {@code VirtualThreads.factory(Executor)}) they share the JDK's scheduler.
 * The kind changes speed, never the schedule: the same seed gives the same events on either.
 * {@code -Dwdfrr.threads=platform} makes platform the default everywhere (for code that pins
 * virtual threads). A pool serves one run at a time (use one pool per exploring thread);
 * {@link #close()} ends its idle threads.
 */
public final class CarrierPool implements AutoCloseable {
    /** What a pool runs logical threads on. */
    public enum Kind { VIRTUAL, PLATFORM }

    private final String name;
    private final Kind kind;
    /** Makes the pool's virtual threads (on its own carrier when it has one), or null for platform threads. */
    private final ThreadFactory virtual;
    private final OneCarrier carrier;
    private final ArrayDeque<Carrier> idle = new ArrayDeque<>();
    private volatile boolean closed;
    private int created;

    /** A pool of the {@linkplain #defaultKind() default kind}. */
    public CarrierPool(String name) {
        this(name, defaultKind());
    }

    /**
     * A pool of the given kind.
     *
     * @throws IllegalArgumentException for {@link Kind#VIRTUAL} on a JDK without virtual threads
     */
    public CarrierPool(String name, Kind kind) {
        if (kind == Kind.VIRTUAL && !virtualThreadsAvailable()) {
            throw new IllegalArgumentException("virtual threads need JDK 21 or later; this is " + Runtime.version());
        }
        this.name = name;
        this.kind = kind;
        OneCarrier own = null;
        ThreadFactory factory = null;
        if (kind == Kind.VIRTUAL) {
            own = new OneCarrier("wdfrr-carrier-" + name);
            factory = VirtualThreads.factory(own);
            if (factory == null) {
                own.close();
                own = null;
                factory = VirtualThreads.factory();
            }
        }
        this.carrier = own;
        this.virtual = factory;
    }

    /** True on a JDK with virtual threads (21 and later). */
    public static boolean virtualThreadsAvailable() {
        return VirtualThreads.factory() != null;
    }

    /** Virtual where available, unless {@code -Dwdfrr.threads=platform} asks otherwise. */
    public static Kind defaultKind() {
        String asked = System.getProperty("wdfrr.threads", "").trim().toLowerCase(Locale.ROOT);
        return virtualThreadsAvailable() && !asked.equals("platform") ? Kind.VIRTUAL : Kind.PLATFORM;
    }

    public Kind kind() {
        return kind;
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

    /**
     * An unstarted thread of this pool's kind, for the code that drives runs with this pool: an
     * explorer's lane on a virtual pool hands the baton to a run's first thread and gets it back
     * at the end by a continuation switch on the same carrier, not by waking a platform thread.
     */
    public Thread newDriver(String threadName, Runnable body) {
        return newThread(threadName, body);
    }

    private Thread newThread(String threadName, Runnable body) {
        Thread t = virtual != null ? virtual.newThread(body) : new Thread(body);
        t.setName(threadName);
        return t;
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
        if (carrier != null) {
            carrier.close(); // it ends once the carriers parked on it have run their last task
        }
    }

    /** One pooled thread: parks until given a task, runs it, goes back to the pool. */
    private final class Carrier implements Runnable {
        final Thread thread;
        volatile Runnable task;

        Carrier(String threadName) {
            thread = newThread(threadName, this);
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
