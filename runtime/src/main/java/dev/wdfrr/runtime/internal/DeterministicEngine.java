package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.engine.ScheduleDivergedException;
import dev.wdfrr.runtime.engine.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Exactly one runtime thread runs at a time. Each thread is a Java thread parked on its own
 * permit — a virtual thread on JDK 21 and later, a platform thread otherwise (see
 * {@link dev.wdfrr.runtime.engine.CarrierPool}); at a scheduling point the running thread asks the
 * strategy for the next one among the enabled threads, unparks it and parks itself: no scheduler
 * thread, no spinning, no timed waits. Blocking operations make a thread disabled until the
 * kernel state it waits for holds. Time is virtual and advances only when no thread can run
 * before the next timed event.
 *
 * <p>With a time window ({@link RunConfig#jitterNanos()} = D), a thread waiting for time t is
 * enabled from t − D on: the strategy may take its step before steps due earlier. Taking it
 * moves the clock to t, so the steps it overtook happen up to D late; time never runs backwards.
 * The times are in the trace, so a replay, which follows recorded times, is exact.
 *
 * <p>The thread holding the baton is the only one touching engine or kernel state; the volatile
 * {@code turn} handoff orders its writes before the next holder's reads.
 */
final class DeterministicEngine extends Engine {
    private final Strategy strategy;
    private final long stepLimit;
    private final long stallTimeoutNanos;
    private final long jitter;
    /** Replay of a live recording: time is the recorded time, timed waits are always offered. */
    private final LongSupplier followClock;
    private final ArrayList<LogicalThread> threads = new ArrayList<>();
    private final ArrayList<LogicalThread> enabled = new ArrayList<>();
    /** Set by whoever ends the run first: the baton holder's verdict or the watchdog's stall. */
    private final AtomicBoolean ending = new AtomicBoolean();
    /** The thread in {@link #runToEnd}, woken once: when the last body has returned, or on a stall. */
    private volatile Thread caller;
    private volatile boolean stalled;
    private Kernel kernel;

    private long now;
    /** Scheduling points, eager ones included (the step limit, the watchdog). */
    private volatile long steps;
    /** Scheduling points where the strategy chose: what it numbers its steps by. */
    private long decisions;
    private volatile boolean stopped;
    private FailureKind requestedStop;
    private String requestedMessage;

    private final dev.wdfrr.runtime.engine.CarrierPool carriers;
    /** Bodies started and not yet returned. */
    private final AtomicInteger liveBodies = new AtomicInteger();
    /** The watchdog's view of progress (touched only by the watchdog thread). */
    private long watchedSteps = -1;
    private long quietSince;

    DeterministicEngine(RunConfig config) {
        this.carriers = config.carriers();
        this.strategy = config.strategy();
        this.stepLimit = config.stepLimit();
        this.stallTimeoutNanos = config.stallTimeoutNanos();
        this.followClock = config.followClock();
        this.jitter = config.jitterNanos();
    }

    void attach(Kernel k) {
        this.kernel = k;
    }

    @Override
    long now() {
        if (followClock != null) {
            long t = followClock.getAsLong();
            if (t > now) {
                now = t;
            }
        }
        return now;
    }

    @Override
    void start(LogicalThread t, Runnable body) {
        // Registered now, launched at its first turn: a thread that has not run needs no Java
        // thread yet, and one launched with the baton already in hand starts without a park.
        t.status = LogicalThread.Status.RUNNABLE;
        t.body = body;
        threads.add(t);
    }

    private void launch(LogicalThread t) {
        Runnable body = t.body;
        t.body = null;
        liveBodies.incrementAndGet();
        // The new thread records itself (threadMain): it runs at once, holding the baton, and may
        // hand it on before this call returns, so a field written here could be read too late.
        if (carriers != null) {
            carriers.start(() -> threadMain(t, body));
        } else if (dev.wdfrr.runtime.engine.CarrierPool.defaultKind() == dev.wdfrr.runtime.engine.CarrierPool.Kind.VIRTUAL) {
            Thread v = VirtualThreads.factory().newThread(() -> threadMain(t, body));
            v.setName("wdfrr-" + t.name);
            v.start();
        } else {
            Thread p = new Thread(() -> threadMain(t, body), "wdfrr-" + t.name);
            p.setDaemon(true);
            p.start();
        }
    }

    private void threadMain(LogicalThread t, Runnable body) {
        t.platform = Thread.currentThread();
        try {
            waitForTurn(t);
            body.run();
        } catch (EngineStopped e) {
            // the run ended while this thread was parked or running: just unwind
        } finally {
            t.status = LogicalThread.Status.DONE;
            if (!stopped && t.turn == false && isHolder(t)) {
                try {
                    schedule(t);
                } catch (EngineStopped ignored) {
                    // the run ended as this thread left
                }
            }
            if (liveBodies.decrementAndGet() == 0) {
                Thread c = caller;
                if (c != null) {
                    LockSupport.unpark(c);
                }
            }
        }
    }

    /** The baton holder: set by whoever hands over, read only by the holder. */
    private LogicalThread holder;

    private boolean isHolder(LogicalThread t) {
        return holder == t;
    }

    @Override
    void enter(LogicalThread t, EventType op, int object) {
        if (stopped) {
            throw EngineStopped.INSTANCE;
        }
        t.pendingOp = op;
        t.pendingObject = object;
        schedule(t);
    }

    @Override
    void enterWaiting(LogicalThread t, EventType op, Wait wait) {
        if (stopped) {
            throw EngineStopped.INSTANCE;
        }
        t.pendingOp = op;
        t.pendingObject = 0;
        if (wait.ready()) {
            schedule(t); // it takes its work when chosen: a real step
            return;
        }
        // Going to sleep changes nothing another thread sees: no choice, the thread is simply
        // disabled until the wait holds, and then waking up and taking its work is one step.
        t.status = LogicalThread.Status.BLOCKED;
        t.wait = wait;
        t.signal = null;
        t.deadline = -1;
        try {
            schedule(t);
        } finally {
            t.wait = null;
            t.status = LogicalThread.Status.RUNNABLE;
        }
    }

    @Override
    void exit(LogicalThread t) {
        // Nothing to release: only the baton holder ever runs.
    }

    @Override
    boolean await(LogicalThread t, Wait wait, long deadline) {
        if (wait.ready()) {
            return true;
        }
        if (deadline >= 0 && deadline <= now() && followClock == null) {
            return false;
        }
        t.status = LogicalThread.Status.BLOCKED;
        t.wait = wait;
        t.signal = null;
        t.deadline = deadline;
        try {
            schedule(t);
        } finally {
            t.wait = null;
            t.deadline = -1;
            t.status = LogicalThread.Status.RUNNABLE;
        }
        return wait.ready();
    }

    @Override
    long choose(LogicalThread t, long lo, long hi) {
        return strategy.choose(t, lo, hi);
    }

    @Override
    void work(LogicalThread t, long nanos) {
        sleepUntil(t, now + Math.max(0, nanos));
    }

    @Override
    void sleepUntil(LogicalThread t, long time) {
        if (stopped) {
            throw EngineStopped.INSTANCE;
        }
        t.status = LogicalThread.Status.SLEEPING;
        t.wakeTime = time;
        try {
            schedule(t);
        } finally {
            t.status = LogicalThread.Status.RUNNABLE;
        }
    }

    /** The scheduling point proper: pick the next thread and hand it the baton if it is not us. */
    private void schedule(LogicalThread self) {
        LogicalThread next = choose(self);
        if (next != self) {
            handTo(next);
            if (self.status != LogicalThread.Status.DONE) {
                waitForTurn(self);
            }
        }
    }

    private void handTo(LogicalThread next) {
        holder = next;
        next.turn = true;
        if (next.body != null) {
            launch(next);
        } else {
            LockSupport.unpark(next.platform);
        }
    }

    private void waitForTurn(LogicalThread t) {
        while (!t.turn) {
            LockSupport.park(this);
            if (stopped && !t.turn) {
                throw EngineStopped.INSTANCE;
            }
        }
        t.turn = false;
        if (stopped) {
            throw EngineStopped.INSTANCE;
        }
    }

    /**
     * The next thread to run. Steps that no other thread can observe are taken first, in creation
     * order, without asking the strategy: a thread's first steps up to its first runtime call (a
     * thread that has not run yet) and waking from a sleep that is due (the thread runs on to its
     * next runtime call). They only reveal what the thread does next, so taking them eagerly
     * leaves every distinct interleaving reachable, and the strategy's budget goes to steps whose
     * order matters. Only then does the strategy choose among the enabled threads.
     */
    private LogicalThread choose(LogicalThread self) {
        for (;;) {
            if (requestedStop != null) {
                finish(requestedStop, requestedMessage, self);
            }
            enabled.clear();
            LogicalThread eager = null;
            long nextTime = Long.MAX_VALUE;
            for (int i = 0, n = threads.size(); i < n; i++) {
                LogicalThread t = threads.get(i);
                switch (t.status) {
                    case RUNNABLE -> {
                        if (t.body != null && eager == null) {
                            eager = t;
                        }
                        enabled.add(t);
                    }
                    case BLOCKED -> {
                        if (ready(t)) {
                            enabled.add(t);
                        } else if (t.deadline >= 0) {
                            if (t.deadline - jitter <= now || followClock != null) {
                                enabled.add(t);
                            } else {
                                nextTime = Math.min(nextTime, t.deadline);
                            }
                        }
                    }
                    case SLEEPING -> {
                        if (t.wakeTime <= now && followClock == null) {
                            if (eager == null) {
                                eager = t;
                            }
                            enabled.add(t);
                        } else if (t.wakeTime - jitter <= now || followClock != null) {
                            enabled.add(t);
                        } else {
                            nextTime = Math.min(nextTime, t.wakeTime);
                        }
                    }
                    case DONE -> { }
                }
            }
            if (eager != null) {
                countStep(self);
                return eager;
            }
            if (!enabled.isEmpty()) {
                countStep(self);
                long decision = ++decisions;
                int index;
                try {
                    index = strategy.pick(enabled, decision);
                } catch (ScheduleDivergedException e) {
                    finish(FailureKind.DIVERGED, e.getMessage(), self);
                    throw EngineStopped.INSTANCE;
                }
                if (index < 0 || index >= enabled.size()) {
                    finish(FailureKind.EXCEPTION, "strategy " + strategy.describe() + " picked index "
                            + index + " of " + enabled.size() + " enabled threads", self);
                }
                LogicalThread next = enabled.get(index);
                if (followClock == null) {
                    // A step taken ahead of its time (inside the window) happens at its time.
                    if (next.status == LogicalThread.Status.SLEEPING && next.wakeTime > now) {
                        now = next.wakeTime;
                    } else if (next.status == LogicalThread.Status.BLOCKED && next.deadline > now && !next.wait.ready()) {
                        now = next.deadline;
                    }
                }
                return next;
            }
            if (requestedStop != null) {
                continue;
            }
            if (nextTime == Long.MAX_VALUE) {
                if (RunReports.allIdleOrDone(threads)) {
                    finish(FailureKind.NONE, "passed", self);
                }
                finish(FailureKind.DEADLOCK, RunReports.deadlock(threads), self);
            }
            now = nextTime;
        }
    }

    /**
     * Whether a blocked thread's wait holds. A wait found not ready that offered a signal is not
     * evaluated again until the signal is raised: idle system threads cost nothing per step while
     * nothing is queued for them, so a step's cost follows what changed.
     */
    private static boolean ready(LogicalThread t) {
        Signal s = t.signal;
        if (s != null && s.raised == t.signalSeen) {
            return false;
        }
        if (t.wait.ready()) {
            t.signal = null;
            return true;
        }
        s = t.wait.signal();
        t.signal = s;
        if (s != null) {
            t.signalSeen = s.raised;
        }
        return false;
    }

    /** Every scheduling point counts toward the step limit and shows the watchdog progress, chosen or not. */
    private void countStep(LogicalThread self) {
        long step = ++steps;
        if (step > stepLimit) {
            finish(FailureKind.STEP_LIMIT, "stopped after " + stepLimit
                    + " scheduling steps without ending (livelock?); " + RunReports.busyThreads(threads), self);
        }
    }

    /** Ends the run from the baton holder: report, wake everyone to unwind, release the caller. */
    private void finish(FailureKind kind, String message, LogicalThread self) {
        if (ending.compareAndSet(false, true)) {
            if (kind != FailureKind.NONE) {
                kernel.engineStopped(self, kind, message);
            }
            stopped = true;
            for (LogicalThread t : threads) {
                if (t != self && t.platform != null) {
                    LockSupport.unpark(t.platform);
                }
            }
        }
        throw EngineStopped.INSTANCE;
    }

    @Override
    void requestStop(FailureKind kind, String message) {
        if (requestedStop == null) {
            requestedStop = kind;
            requestedMessage = message;
        }
    }

    @Override
    void mainEnded() {
        // Idle system threads stay parked; the run ends when nothing else can run.
    }

    @Override
    void runToEnd() {
        // The caller is not a runtime thread: it hands the baton to the first choice, then waits
        // without a timeout for one wake-up (the watchdog looks after stalls), so that a caller on
        // a virtual thread gets the baton back by a continuation switch.
        caller = Thread.currentThread();
        LogicalThread first;
        try {
            first = choose(null);
        } catch (EngineStopped e) {
            return;
        }
        Watchdog.watch(this);
        try {
            handTo(first);
            while (!(stopped && liveBodies.get() == 0) && !stalled) {
                LockSupport.park(this);
                if (Thread.currentThread().isInterrupted() && !(stopped && liveBodies.get() == 0)) {
                    stall(); // the caller was told to give up: end the run as stalled rather than spin
                    break;
                }
            }
        } finally {
            Watchdog.unwatch(this);
        }
    }

    /** Called by the watchdog every so often: stalls the run when it made no step for too long. */
    void checkProgress(long nowNanos) {
        long s = steps;
        if (s != watchedSteps) {
            watchedSteps = s;
            quietSince = nowNanos;
        } else if (nowNanos - quietSince > stallTimeoutNanos && !stopped) {
            stall();
        }
    }

    /** The baton holder made no runtime call for too long: it is blocked outside the runtime. */
    private void stall() {
        LogicalThread h = holder;
        String message = RunReports.stall(h, stallTimeoutNanos);
        if (ending.compareAndSet(false, true)) {
            kernel.engineStopped(h, FailureKind.STALLED, message);
            stopped = true;
            for (LogicalThread t : threads) {
                if (t.platform != null) {
                    LockSupport.unpark(t.platform);
                    t.platform.interrupt();
                }
            }
            stalled = true;
            LockSupport.unpark(caller);
        }
    }

    @Override
    void joinThreads() {
        // After a stall some bodies may still be stuck outside the runtime: wait for them, bounded.
        long deadline = System.nanoTime() + 2_000_000_000L;
        caller = Thread.currentThread();
        while (liveBodies.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return; // a thread stuck outside the runtime: reported as stalled, left behind
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** The strategy's decisions: the steps a run reports and strategies number. */
    @Override
    long steps() {
        return decisions;
    }

    @Override
    boolean stopped() {
        return stopped;
    }

    List<LogicalThread> threads() {
        return threads;
    }
}
