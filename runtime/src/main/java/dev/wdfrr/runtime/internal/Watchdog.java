package dev.wdfrr.runtime.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Notices deterministic runs that stopped making steps — a runtime thread blocked outside the
 * runtime, or virtual threads whose carriers are all pinned — and has them reported as stalled.
 * One daemon thread for the process looks at every running engine five times a second, so that
 * a run's caller can wait for its end without a timeout (a timed wait per run would cost a timer
 * and a wake-up per schedule). The thread ends after two idle seconds and comes back with the
 * next run.
 */
final class Watchdog {
    private static final long PERIOD_NANOS = 200_000_000L;
    private static final int IDLE_PERIODS_BEFORE_EXIT = 10;
    private static final Set<DeterministicEngine> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean ALIVE = new AtomicBoolean();

    private Watchdog() {
    }

    static void watch(DeterministicEngine engine) {
        RUNNING.add(engine);
        if (ALIVE.compareAndSet(false, true)) {
            Thread t = new Thread(Watchdog::loop, "wdfrr-watchdog");
            t.setDaemon(true);
            t.start();
        }
    }

    static void unwatch(DeterministicEngine engine) {
        RUNNING.remove(engine);
    }

    private static void loop() {
        int idle = 0;
        for (;;) {
            LockSupport.parkNanos(PERIOD_NANOS);
            if (RUNNING.isEmpty()) {
                if (++idle < IDLE_PERIODS_BEFORE_EXIT) {
                    continue;
                }
                ALIVE.set(false);
                // A run registered after the emptiness check but before ALIVE fell saw a live
                // watchdog and started none: stay for it, unless another watchdog took over.
                if (RUNNING.isEmpty() || !ALIVE.compareAndSet(false, true)) {
                    return;
                }
            }
            idle = 0;
            long now = System.nanoTime();
            for (DeterministicEngine e : RUNNING) {
                try {
                    e.checkProgress(now);
                } catch (RuntimeException | EngineStopped ignored) {
                    // a run that ended while being looked at
                }
            }
        }
    }
}
