package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.VerifierViolationException;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The core every component stands on; it names no object kind. It owns the engine handshake
 * ({@link #enter}/{@link #exit}), the event sequence and emission, ids and names ({@link Interned}),
 * calling driver code, violations and the run's failure state; the threads ({@link ThreadRegistry})
 * and quiescence ({@link Quiescence}) are its parts.
 *
 * <p>Every runtime call has the same shape: {@code enter} (a scheduling point, then exclusive
 * access to all component state), check, change state and emit its event together, {@code exit}.
 * Driver code (callbacks, ISRs, DPCs, cleanup) only ever runs outside enter/exit, through
 * {@link #invoke}. Components register what the core must ask them without knowing them:
 * {@link #addActivity} for quiescence ({@link Quiescence}), {@link #onShutdown} for end-of-run checks.
 */
final class Kernel {
    private final RunConfig config;
    private final Engine engine;
    private final EventSink sink;

    private long seq;
    /** Set once the sink has thrown; nothing more is handed to it. */
    private Throwable sinkFailure;
    private int nextObjectId = 1;

    private final ThreadRegistry threads;
    private final List<Consumer<LogicalThread>> shutdownChecks = new ArrayList<>();
    private final Quiescence quiescence = new Quiescence();
    private final Interned interned = new Interned(this);

    private boolean runEnded;
    private final List<String> violations = new ArrayList<>();
    private FailureKind firstFailure;
    private String firstFailureMessage;
    private Throwable firstFailureCause;

    Kernel(RunConfig config, Engine engine) {
        this.config = config;
        this.engine = engine;
        this.sink = config.sink();
        this.threads = new ThreadRegistry(this, engine, config.seed());
    }

    RunConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ engine handshake

    /**
     * Scheduling point: the thread announces {@code op} on {@code object}, then holds the runtime;
     * a thread whose gate is shut (preempted) first waits for it to open.
     */
    void enter(LogicalThread t, EventType op, int object) {
        engine.enter(t, op, object);
        awaitGate(t);
    }

    private void awaitGate(LogicalThread t) {
        Wait gate = t.gate;
        if (gate != null && !gate.ready()) {
            try {
                engine.await(t, gate, -1);
            } catch (RuntimeException | Error e) {
                engine.exit(t);
                throw e;
            }
        }
    }

    /**
     * A scheduling point whose step begins by awaiting {@code wait} (the caller awaits it right
     * after, inside enter/exit): while the wait does not hold, going to sleep is no choice of the
     * schedule (see {@link Engine#enterWaiting}). A gated thread then waits for its gate as
     * {@link #enter} does.
     */
    void enterWaiting(LogicalThread t, EventType op, Wait wait) {
        engine.enterWaiting(t, op, wait);
        awaitGate(t);
    }

    void exit(LogicalThread t) {
        engine.exit(t);
    }

    /**
     * Inside enter/exit: blocks until {@code wait} holds or the deadline (-1: none) passes. A
     * gated thread also waits for its gate, so that it takes no step while preempted however long
     * ago it entered (a replay reaches the same step whenever its silent entry happened).
     */
    boolean await(LogicalThread t, Wait wait, long deadline) {
        Wait gate = t.gate;
        if (gate == null) {
            return engine.await(t, wait, deadline);
        }
        boolean ready = engine.await(t, Wait.gated(wait, gate), deadline);
        if (!gate.ready()) {
            engine.await(t, gate, -1); // timed out while preempted: the timeout is seen after the preemption
        }
        return ready;
    }

    long now() {
        return engine.now();
    }

    /** The engine, for what a component does outside enter/exit: modelled work, a device sleeping until its next arrival. */
    Engine engine() {
        return engine;
    }

    /** What {@link #choose} chose: traced as the schedule event's {@code related}. */
    static final int CHOICE_TIME = 1;
    static final int CHOICE_CPU = 2;

    /**
     * Inside enter/exit: a value in [lo, hi] that the strategy picks (the instant of an arrival
     * within its window, the CPU a timer expires on), traced as a schedule event so that a replay
     * makes the same choice. Nothing is traced when there is no choice.
     */
    long choose(LogicalThread t, int what, long lo, long hi) {
        if (lo >= hi) {
            return lo;
        }
        long v = engine.choose(t, lo, hi);
        if (v < lo || v > hi) {
            throw new IllegalStateException("the strategy chose " + v + " outside [" + lo + ", " + hi + "]");
        }
        emit(t, EventType.SCHEDULE, 0, what, v);
        return v;
    }

    // ------------------------------------------------------------------ threads

    LogicalThread current() {
        return threads.current();
    }

    /** The pseudo-thread of events that belong to no thread of the run (bootstrap, the engine's verdict). */
    LogicalThread runtimeThread() {
        return threads.runtimeThread();
    }

    /** A new thread, named in the trace by {@code creator}; a clash of names gets a suffix. */
    LogicalThread newThread(LogicalThread creator, String wanted, ThreadKind kind, int cpu) {
        return threads.newThread(creator, wanted, kind, cpu);
    }

    /** Runs {@code body} on {@code t} as a runtime thread (see {@link ThreadRegistry#start}). */
    void start(LogicalThread t, Runnable body) {
        threads.start(t, body);
    }

    void startRegistered() {
        threads.startRegistered();
    }

    // ------------------------------------------------------------------ ids, names, events

    /** Events (names included) emitted so far: a step compares it to see whether it traced anything. */
    long eventCount() {
        return seq;
    }

    int newObjectId() {
        return nextObjectId++;
    }

    void emit(LogicalThread t, EventType type, int object, int related, long arg) {
        long s = seq++;
        if (sinkFailure == null) {
            try {
                sink.event(s, engine.now(), type.id(), t.id, t.cpu, t.irql.ordinal(), object, related, arg);
            } catch (RuntimeException | Error e) {
                sinkFailed(e);
            }
        }
    }

    void name(LogicalThread t, NameKind kind, int id, String text) {
        long s = seq++;
        if (sinkFailure == null) {
            try {
                sink.name(s, engine.now(), t.id, kind, id, text);
            } catch (RuntimeException | Error e) {
                sinkFailed(e);
            }
        }
    }

    void nameObject(LogicalThread t, int id, String name) {
        name(t, NameKind.OBJECT, id, name);
    }

    // ------------------------------------------------------------------ call sites

    /**
     * Outside enter/exit: where in driver code the current call comes from, or null when the run
     * records no call sites or the caller is a virtual device's own thread (the hardware model).
     */
    String callSite(LogicalThread t) {
        return config.callSites() && t.kind != ThreadKind.DEVICE ? CallSites.caller() : null;
    }

    /** Inside enter/exit, right before the event it locates: its {@code call_site} event (nothing for null). */
    void emitSite(LogicalThread t, String site) {
        if (site != null) {
            emit(t, EventType.CALL_SITE, 0, interned.site(t, site), 0);
        }
    }

    /** The id of a string, writing its name event the first time. */
    int intern(LogicalThread t, String text) {
        return interned.string(t, text);
    }

    /**
     * The sink threw (a full disk, a replay checker that could not read): the run cannot be
     * recorded any more, so it stops at the next scheduling point. Component state stays
     * consistent because the event was the last step of the operation.
     */
    private void sinkFailed(Throwable e) {
        sinkFailure = e;
        if (firstFailure == null) {
            firstFailure = FailureKind.EXCEPTION;
            firstFailureMessage = "the event sink failed: " + e;
            firstFailureCause = e;
        }
        engine.requestStop(FailureKind.EXCEPTION, firstFailureMessage);
    }

    // ------------------------------------------------------------------ violations and failures

    /** Reports a violation (inside enter/exit); throws if the run asks for that. */
    void violation(LogicalThread t, Rule rule, int objectId, String message) {
        String full = rule.verifierName() + ": " + message;
        int text = intern(t, full);
        emit(t, EventType.VIOLATION, objectId, text, rule.id());
        violations.add(full);
        if (config.throwOnViolation()) {
            throw new VerifierViolationException(rule, full);
        }
    }

    void recordFailure(LogicalThread t, FailureKind kind, String message, Throwable cause) {
        int text = intern(t, message);
        emit(t, EventType.FAILURE, 0, text, kind.id());
        if (firstFailure == null) {
            firstFailure = kind;
            firstFailureMessage = message;
            firstFailureCause = cause;
        }
    }

    void failure(LogicalThread t, FailureKind kind, String message, Throwable cause) {
        enter(t, EventType.FAILURE, 0);
        try {
            recordFailure(t, kind, message, cause);
        } finally {
            exit(t);
        }
    }

    static FailureKind kindOf(Throwable e) {
        return e instanceof VerifierViolationException ? FailureKind.VIOLATION : FailureKind.EXCEPTION;
    }

    /** Runs driver code; an exception fails the run but not the thread that called it. */
    boolean invoke(LogicalThread t, String what, DriverCode code) {
        try {
            return code.run();
        } catch (EngineStopped e) {
            throw e;
        } catch (Throwable e) {
            failure(t, kindOf(e), "exception in " + what + " on " + t.name + ": " + e, e);
            return false;
        }
    }

    /** Driver code: a callback, an ISR (its result says whether it claimed the interrupt). */
    @FunctionalInterface
    interface DriverCode {
        boolean run() throws Exception;
    }

    // ------------------------------------------------------------------ quiescence and shutdown

    void addActivity(Quiescence.Activity activity) {
        quiescence.add(activity);
    }

    /** A system thread took a unit of work (a callback, an ISR, a DPC, a disposal). */
    void workStarted() {
        quiescence.workStarted();
    }

    void workEnded() {
        quiescence.workEnded();
    }

    private final List<Consumer<LogicalThread>> deadlockChecks = new ArrayList<>();

    /**
     * Inside enter/exit: ends the run at the next scheduling point with this verdict (a hang the
     * engine cannot see as a deadlock because something periodic keeps running).
     */
    void stopRun(FailureKind kind, String message) {
        engine.requestStop(kind, message);
    }

    /** Registers a report made when the run ends in a deadlock, before the engine's verdict (inside exclusive access). */
    void onDeadlock(Consumer<LogicalThread> check) {
        deadlockChecks.add(check);
    }

    /** Registers an end-of-run check, run once main's scenario body and quiescence are over. */
    void onShutdown(Consumer<LogicalThread> check) {
        shutdownChecks.add(check);
    }

    /**
     * Waits until nothing is left to do, then traces {@code quiescent}: everything every other
     * thread did so far happens before what the caller does next (the race report's join of all).
     */
    void awaitQuiescent(LogicalThread t) {
        Wait quiet = quiescence.await(t);
        enterWaiting(t, EventType.QUIESCENT, quiet);
        try {
            await(t, quiet, -1);
            emit(t, EventType.QUIESCENT, 0, 0, 0);
        } finally {
            exit(t);
        }
    }

    /** Inside enter/exit: waits until scenario thread {@code u} has ended, then traces the join. */
    void join(LogicalThread t, LogicalThread u) {
        if (u == t) {
            throw new IllegalStateException(t.name + " cannot join itself (it would wait forever)");
        }
        await(t, Wait.of(() -> u.ended, () -> "thread " + u.name + " to end"), -1);
        emit(t, EventType.THREAD_JOIN, u.id, 0, 0);
    }

    void runShutdownChecks(LogicalThread t) {
        enter(t, EventType.VIOLATION, 0);
        try {
            for (Consumer<LogicalThread> check : shutdownChecks) {
                check.accept(t);
            }
        } catch (VerifierViolationException e) {
            // reported and traced; shutdown goes on
        } finally {
            exit(t);
        }
    }

    // ------------------------------------------------------------------ the run's outcome

    /** True once main has ended the run (its run_end is traced): clocks and arrivals stop. */
    boolean runEnded() {
        return runEnded;
    }

    /** Main's last step: the outcome event, then the engine stops idle system threads. */
    void endRun(LogicalThread t) {
        enter(t, EventType.RUN_END, 0);
        try {
            runEnded = true;
            emit(t, EventType.RUN_END, 0, 0, outcome().id());
            engine.mainEnded();
        } finally {
            exit(t);
        }
    }

    /** Called by an engine, with exclusive access, when it ends a run early. */
    void engineStopped(LogicalThread t, FailureKind kind, String message) {
        // The engine's verdict belongs to no thread of the run: a replay reaches it the same way.
        LogicalThread who = threads.runtimeThread();
        if (kind == FailureKind.DEADLOCK) {
            for (Consumer<LogicalThread> check : deadlockChecks) {
                try {
                    check.accept(who);
                } catch (VerifierViolationException e) {
                    // traced; the verdict follows
                }
            }
        }
        recordFailure(who, kind, message, null);
        emit(who, EventType.RUN_END, 0, 0, outcome().id());
    }

    private FailureKind outcome() {
        if (firstFailure != null) {
            return firstFailure;
        }
        return violations.isEmpty() ? FailureKind.NONE : FailureKind.VIOLATION;
    }

    RunResult result() {
        FailureKind kind = outcome();
        String message = switch (kind) {
            case NONE -> "passed";
            case VIOLATION -> violations.get(0);
            default -> firstFailureMessage;
        };
        return new RunResult(kind, message, violations, seq, engine.steps(), engine.now(), firstFailureCause);
    }
}
