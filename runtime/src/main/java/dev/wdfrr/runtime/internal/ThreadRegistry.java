package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.NameKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's logical threads: their ids and unique names, which one is calling, and their start.
 * Threads registered before the run begins start together, in registration order, so that main
 * never runs (and judges a deadlock) before the system threads it relies on exist.
 */
final class ThreadRegistry {
    private final Kernel kernel;
    private final Engine engine;
    private final long seed;
    /** Per run, not static: several runs may share a JVM (parallel tests). */
    private final ThreadLocal<LogicalThread> currentThread = new ThreadLocal<>();
    private final Map<String, Integer> names = new HashMap<>();
    private int nextId;
    /** Threads registered before the run began; started together by {@link #startRegistered}. */
    private final List<Runnable> registered = new ArrayList<>();
    private boolean begun;
    private final LogicalThread runtimeThread;

    ThreadRegistry(Kernel kernel, Engine engine, long seed) {
        this.kernel = kernel;
        this.engine = engine;
        this.seed = seed;
        this.runtimeThread = new LogicalThread(nextId++, "runtime", ThreadKind.RUNTIME, -1, seed);
    }

    /** The pseudo-thread of events that belong to no thread of the run (bootstrap, the engine's verdict). */
    LogicalThread runtimeThread() {
        return runtimeThread;
    }

    LogicalThread current() {
        LogicalThread t = currentThread.get();
        if (t == null) {
            throw new IllegalStateException("not a runtime thread: call the runtime from the scenario's "
                    + "main thread, threads it started, or callbacks");
        }
        return t;
    }

    /** A new thread, named in the trace by {@code creator}; a clash of names gets a suffix. */
    LogicalThread newThread(LogicalThread creator, String wanted, ThreadKind kind, int cpu) {
        String name = wanted;
        int n = names.merge(wanted, 1, Integer::sum);
        if (n > 1) {
            name = wanted + "-" + n;
        }
        LogicalThread t = new LogicalThread(nextId++, name, kind, cpu, seed);
        kernel.name(creator, NameKind.THREAD, t.id, name);
        return t;
    }

    /** Runs {@code body} on {@code t} as a runtime thread: now once the run has begun, else at its beginning. */
    void start(LogicalThread t, Runnable body) {
        Runnable bound = () -> {
            currentThread.set(t);
            try {
                body.run();
            } finally {
                currentThread.remove();
            }
        };
        if (begun) {
            engine.start(t, bound);
        } else {
            registered.add(() -> engine.start(t, bound));
        }
    }

    void startRegistered() {
        begun = true;
        registered.forEach(Runnable::run);
        registered.clear();
    }
}
