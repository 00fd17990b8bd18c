package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunConfig;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Real threads, real concurrency. Kernel state is guarded by one lock, held only for the few
 * instructions of a runtime operation and its event: the state change and the event's sequence
 * number are one atomic step, so the trace's order is a linearization that a replay can follow.
 * Driver code always runs outside the lock. A blocked thread waits on its own condition and is
 * signalled only when what it waits for holds.
 */
final class LiveEngine extends Engine {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayList<LogicalThread> threads = new ArrayList<>();
    private final ArrayList<LogicalThread> waiters = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final long origin = System.nanoTime();
    private final long runTimeoutNanos;
    private Kernel kernel;
    /** Threads started and not yet ended, and of those, how many are blocked in await. */
    private int alive;
    private int blocked;
    /** Threads doing timed work or sleeping outside the lock can still make progress. */
    private volatile boolean stopped;
    private boolean mainEnded;
    private volatile boolean running;
    private final ArrayList<Thread> pending = new ArrayList<>();

    LiveEngine(RunConfig config) {
        // A live run is bounded by its duration; the stall timeout is the slack on top of it.
        this.runTimeoutNanos = config.durationNanos() + config.stallTimeoutNanos();
    }

    void attach(Kernel k) {
        this.kernel = k;
    }

    @Override
    long now() {
        return System.nanoTime() - origin;
    }

    @Override
    void start(LogicalThread t, Runnable body) {
        lock.lock();
        try {
            threads.add(t);
            t.condition = lock.newCondition();
            alive++;
        } finally {
            lock.unlock();
        }
        Thread p = new Thread(() -> threadMain(t, body), "wdfrr-" + t.name);
        p.setDaemon(true);
        t.platform = p;
        // Threads registered before the run starts begin together: main must not run (and judge
        // a deadlock) before the workers it relies on exist.
        if (running) {
            p.start();
        } else {
            pending.add(p);
        }
    }

    private void threadMain(LogicalThread t, Runnable body) {
        try {
            body.run();
        } catch (EngineStopped e) {
            // run over
        } finally {
            lock.lock();
            try {
                t.status = LogicalThread.Status.DONE;
                alive--;
                checkDeadlock(t);
                signalReady();
            } catch (EngineStopped e) {
                // run over
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    void enter(LogicalThread t, EventType op, int object) {
        lock.lock();
        if (stopped) {
            lock.unlock();
            throw EngineStopped.INSTANCE;
        }
        t.pendingOp = op;
        t.pendingObject = object;
    }

    @Override
    void exit(LogicalThread t) {
        if (!waiters.isEmpty()) {
            signalReady();
        }
        lock.unlock();
    }

    /** Wakes each waiter whose wait now holds, at most {@link Wait#wakeLimit()} per shared wait. */
    private void signalReady() {
        for (int i = 0, n = waiters.size(); i < n; i++) {
            LogicalThread w = waiters.get(i);
            if (!w.signalled && (stopped || w.wait.ready()) && (stopped || underWakeLimit(w.wait))) {
                w.signalled = true;
                w.condition.signal();
            }
        }
    }

    /** True when fewer waiters of this shared wait are already woken than it allows. */
    private boolean underWakeLimit(Wait wait) {
        int limit = wait.wakeLimit();
        if (limit == Integer.MAX_VALUE) {
            return true;
        }
        int woken = 0;
        for (int i = 0, n = waiters.size(); i < n; i++) {
            LogicalThread o = waiters.get(i);
            if (o.wait == wait && o.signalled) {
                woken++;
            }
        }
        return woken < limit;
    }

    @Override
    boolean await(LogicalThread t, Wait wait, long deadline) {
        if (wait.ready()) {
            return true;
        }
        waiters.add(t);
        t.wait = wait;
        t.deadline = deadline;
        t.status = LogicalThread.Status.BLOCKED;
        blocked++;
        try {
            checkDeadlock(t);
            for (;;) {
                t.signalled = false;
                if (deadline < 0) {
                    t.condition.awaitUninterruptibly();
                } else {
                    long left = deadline - now();
                    if (left <= 0) {
                        return wait.ready();
                    }
                    t.condition.awaitNanos(left);
                }
                if (stopped) {
                    throw EngineStopped.INSTANCE;
                }
                if (wait.ready()) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineStopped.INSTANCE;
        } finally {
            blocked--;
            t.status = LogicalThread.Status.RUNNABLE;
            t.wait = null;
            t.deadline = -1;
            waiters.remove(t);
        }
    }

    /**
     * Deadlock: every living thread is blocked in the runtime with no deadline, none can go on,
     * and at least one is not merely idle. Threads working or sleeping outside the lock are
     * alive and not blocked, so they prevent this verdict.
     */
    private void checkDeadlock(LogicalThread self) {
        if (stopped || blocked < alive || blocked == 0) {
            return;
        }
        boolean anyBusy = false;
        for (LogicalThread w : waiters) {
            if (w.deadline >= 0 || w.wait.ready()) {
                return;
            }
            anyBusy |= !w.wait.idle();
        }
        if (!anyBusy) {
            return;
        }
        StringBuilder sb = new StringBuilder("no thread can run: ");
        boolean first = true;
        for (LogicalThread w : waiters) {
            if (!w.wait.idle()) {
                sb.append(first ? "" : "; ").append(w.name).append(" waits for ").append(w.wait.describe());
                first = false;
            }
        }
        stopWithLock(self, FailureKind.DEADLOCK, sb.toString());
        throw EngineStopped.INSTANCE;
    }

    private void stopWithLock(LogicalThread self, FailureKind kind, String message) {
        if (stopped) {
            return;
        }
        kernel.engineStopped(self, kind, message);
        stopped = true;
        for (LogicalThread w : waiters) {
            w.condition.signal();
        }
        finished.countDown();
    }

    /** Live, nobody schedules: the thread's own seeded draw; the trace records it for a replay. */
    @Override
    long choose(LogicalThread t, long lo, long hi) {
        return lo + t.choices.nextLong(hi - lo + 1);
    }

    /**
     * Modelled work keeps a CPU busy, as the real work would: short stretches spin; long ones
     * park, so that on a machine with few cores the other runtime threads still get to run.
     */
    @Override
    void work(LogicalThread t, long nanos) {
        if (nanos > 0) {
            waitUntil(System.nanoTime() + nanos, 60_000);
        }
    }

    /**
     * The device waits for its next arrival by parking, never spinning long: an arrival that is
     * late because the park overslept is delivered late, and its trace time says so.
     */
    @Override
    void sleepUntil(LogicalThread t, long time) {
        waitUntil(origin + time, 10_000);
    }

    private void waitUntil(long endNanoTime, long spinBelow) {
        for (;;) {
            if (stopped) {
                throw EngineStopped.INSTANCE;
            }
            long left = endNanoTime - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left >= spinBelow) {
                LockSupport.parkNanos(this, left);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    void requestStop(FailureKind kind, String message) {
        // Called with the lock held by the emitting thread.
        stopWithLock(null, kind, message);
    }

    @Override
    void mainEnded() {
        mainEnded = true;
        stopped = true;
        signalAllWaiters();
        finished.countDown();
    }

    private void signalAllWaiters() {
        for (LogicalThread w : waiters) {
            w.condition.signal();
        }
    }

    @Override
    void runToEnd() {
        lock.lock();
        try {
            running = true;
            pending.forEach(Thread::start);
            pending.clear();
        } finally {
            lock.unlock();
        }
        try {
            if (!finished.await(runTimeoutNanos, TimeUnit.NANOSECONDS)) {
                lock.lock();
                try {
                    StringBuilder sb = new StringBuilder("the live run did not end within "
                            + runTimeoutNanos / 1_000_000 + " ms; ");
                    boolean first = true;
                    for (LogicalThread t : threads) {
                        if (t.status != LogicalThread.Status.DONE && !(t.wait != null && t.wait.idle())) {
                            sb.append(first ? "" : "; ").append(t.describe());
                            first = false;
                        }
                    }
                    stopWithLock(null, FailureKind.STALLED, sb.toString());
                } finally {
                    lock.unlock();
                }
                for (LogicalThread t : threads) {
                    if (t.platform != null) {
                        t.platform.interrupt();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    void joinThreads() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (LogicalThread t : threads) {
            long left = deadline - System.nanoTime();
            if (t.platform == null || left <= 0) {
                continue;
            }
            try {
                t.platform.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    long steps() {
        return 0;
    }

    @Override
    boolean stopped() {
        return stopped;
    }

    boolean mainHasEnded() {
        return mainEnded;
    }
}
