package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WdfTimer;

import java.util.ArrayList;

/**
 * Framework timers ({@code FxTimer}, {@code MxTimer}) and the system clock that expires them
 * (timers-and-dpcs.md [T1]-[T19]): create, start, stop with and without waiting, delete, and the
 * {@code clock} thread. The clock sleeps until the earliest chosen expiry; at it, a DISPATCH
 * timer's DPC is queued on a CPU the schedule chooses, a passive timer's work item is queued
 * (merged when still waiting), and a periodic timer is re-armed one period after its due time.
 */
final class Timers {
    /** The system clock tick (15.625 ms, Windows' default): a timer that is not high-resolution expires on a tick. */
    static final long CLOCK_TICK_NANOS = 15_625_000L;
    private static final long MILLIS = 1_000_000L;

    private final Kernel k;
    private final IrqlRules irql;
    private final Locks locks;
    private final Lifetime lifetime;
    private final WorkItems workItems;
    private final Cpus cpus;
    /** Armed timers (the system timer queue). */
    private final ArrayList<TimerImpl> armed = new ArrayList<>();
    /** Changes whenever {@link #armed} does, so a sleeping clock re-reads its deadline. */
    private long version;
    private long armCount;

    Timers(Kernel k, IrqlRules irql, Locks locks, Lifetime lifetime, WorkItems workItems, Cpus cpus) {
        this.k = k;
        this.irql = irql;
        this.locks = locks;
        this.lifetime = lifetime;
        this.workItems = workItems;
        this.cpus = cpus;
        // An armed one-shot timer is work the run waits for; an armed periodic one would never end it.
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (TimerImpl tm : armed) {
                    if (!tm.periodic()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
                for (TimerImpl tm : armed) {
                    if (!tm.periodic()) {
                        out.append(", ").append(tm.describe()).append(" armed");
                    }
                }
            }
        });
    }

    private boolean clockStarted;

    /**
     * Inside enter/exit: starts the clock thread with the run's first timer, so that a run without
     * timers traces exactly what it did before timers existed.
     */
    private void ensureClock(LogicalThread creator) {
        if (!clockStarted) {
            clockStarted = true;
            LogicalThread c = k.newThread(creator, "clock", ThreadKind.CLOCK, -1);
            k.emit(creator, EventType.THREAD_START, c.id, 0, 0);
            k.start(c, () -> clockLoop(c));
        }
    }

    // ------------------------------------------------------------------ create

    /** {@code WdfTimerCreate} ([T1]-[T4]). */
    WdfTimer create(TimerConfig config, ObjectAttributes<?> attributes) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.DISPATCH, null, "WdfTimerCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfTimerCreate called at " + t.irql);
            }
            ObjectImpl parent = SyncScopes.parentWithDevice(lifetime, attributes, "WdfTimerCreate");
            long period = config.periodNanos();
            if (period < 0 || period % MILLIS != 0 || period / MILLIS > Integer.MAX_VALUE) {
                throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfTimerCreate: invalid parameter: the period is "
                        + period + " ns; it must be whole milliseconds, at most MAXLONG");
            }
            if (config.tolerableDelayNanos() < 0) {
                throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfTimerCreate: invalid parameter: negative tolerable delay");
            }
            if (config.tolerableDelayNanos() > 0 && config.highResolution()) {
                // WdfTimerCreate: TolerableDelay with UseHighResolutionTimer
                throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfTimerCreate: invalid parameter: a high-resolution "
                        + "timer cannot have a tolerable delay");
            }
            // FxTimer::Initialize: only the timer's own attributes make it passive ([T3])
            boolean passive = attributes.executionLevel() == ExecutionLevel.PASSIVE;
            if (passive && period > 0) {
                // WdfTimerCreate: periodic passive-level timers are not supported
                throw new WdfException(NtStatus.NOT_SUPPORTED, "WdfTimerCreate: not supported: a periodic timer cannot "
                        + "have execution level Passive");
            }
            LockState lock = config.automaticSerialization()
                    ? SyncScopes.effectiveLock(k, t, parent, passive, "WdfTimerCreate") : null;
            int id = k.newObjectId();
            String name = attributes.name() != null ? attributes.name() : "timer-" + id;
            TimerImpl tm = new TimerImpl(this, lifetime, id, name, parent, config, passive, lock, attributes,
                    Contexts.instantiate(attributes.contextType()));
            ensureClock(t);
            lifetime.adopt(t, tm, ObjectKind.TIMER);
            lifetime.contexts().attach(t, tm, tm.context);
            if (passive) {
                tm.workItem = workItems.createOwned(t, tm, item -> passiveCallback(tm));
            } else {
                tm.kdpc = new Cpus.Kdpc(id, dpcRoutine(tm));
            }
            return tm;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ start

    /** {@code WdfTimerStart} → {@code FxTimer::Start}: a check under the timer's lock, then the kernel arms it ([T8]-[T10]). */
    boolean start(TimerImpl tm, long dueIn) {
        if (dueIn < 0) {
            throw new IllegalArgumentException("WdfTimerStart: the due time is relative nanoseconds, got " + dueIn);
        }
        LogicalThread t = k.current();
        k.enter(t, EventType.TIMER_START, tm.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, tm, "WdfTimerStart")) {
                return false;
            }
            requireNotFreed(tm, "WdfTimerStart");
            if (tm.runningDown) {
                // FxTimer::Start: m_RunningDown
                k.violation(t, Rule.USE_AFTER_DELETE, tm.id, "WdfTimerStart on " + tm.describe() + " after its deletion "
                        + "began will lead to a crash; the timer is not armed");
                k.emit(t, EventType.TIMER_START, tm.id, 2, dueIn);
                return false;
            }
            if (tm.stopThread != null) {
                // FxTimer::Start: a waiting stop runs; the start is ignored and the stop returns TRUE
                tm.startAborted = true;
                k.emit(t, EventType.TIMER_START, tm.id, 2, dueIn);
                return false;
            }
        } finally {
            k.exit(t);
        }
        // Between the check and the arm a waiting stop may begin: it then stops again (m_StopAgain).
        k.enter(t, EventType.TIMER_START, tm.id);
        try {
            if (tm.destroyed) {
                return false;
            }
            boolean was = tm.armed;
            arm(t, tm, k.now() + dueIn);
            if (tm.stopThread != null) {
                tm.stopAgain = true;
            }
            k.emit(t, EventType.TIMER_START, tm.id, was ? 1 : 0, dueIn);
            return was;
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: into the timer queue (again), expiring at an instant the schedule picks ([T11]). */
    private void arm(LogicalThread t, TimerImpl tm, long due) {
        tm.due = due;
        long slack = tm.config.highResolution() ? 0 : CLOCK_TICK_NANOS + tm.config.tolerableDelayNanos();
        tm.fireAt = k.choose(t, Kernel.CHOICE_TIME, due, due + slack);
        tm.armSeq = armCount++;
        if (!tm.armed) {
            tm.armed = true;
            armed.add(tm);
        }
        version++;
    }

    /** Inside enter/exit: out of the timer queue; true when it was in it ({@code MxTimer::Stop}). */
    private boolean disarm(TimerImpl tm) {
        if (!tm.armed) {
            return false;
        }
        tm.armed = false;
        armed.remove(tm);
        version++;
        return true;
    }

    // ------------------------------------------------------------------ stop

    /** {@code WdfTimerStop} → {@code FxTimer::Stop} ([T12]-[T16]). */
    boolean stop(TimerImpl tm, boolean wait) {
        LogicalThread t = k.current();
        k.enter(t, EventType.TIMER_STOP, tm.id);
        try {
            int waitBit = wait ? 1 : 0;
            // WdfTimerStop checks the IRQL of a waiting stop before it reaches FxTimer::Stop ([T14])
            if (!irql.ok(t, wait ? Irql.PASSIVE : Irql.DISPATCH, tm, wait ? "WdfTimerStop(Wait = TRUE)" : "WdfTimerStop")) {
                k.emit(t, EventType.TIMER_STOP, tm.id, 0, waitBit | 4);
                return false;
            }
            requireNotFreed(tm, "WdfTimerStop");
            if (!wait) {
                boolean result = disarm(tm);
                k.emit(t, EventType.TIMER_STOP, tm.id, 0, result ? 2 : 0);
                return result;
            }
            if (tm.callbackThread == t) {
                // FxTimer::Stop: m_CallbackThread == current thread, made with or without the verifier
                k.violation(t, Rule.TIMER_STOP_FROM_OWN_CALLBACK, tm.id, "WdfTimerStop(Wait = TRUE) of " + tm.describe()
                        + " from its own callback on " + t.name + " will lead to deadlock: it returns FALSE and stops nothing");
                k.emit(t, EventType.TIMER_STOP, tm.id, 0, 1 | 4);
                return false;
            }
            if (tm.stopThread != null) {
                // FxTimer::Stop: m_StopThread != NULL (KMDF 1.9+ verifier)
                k.violation(t, Rule.CONCURRENT_TIMER_STOP, tm.id, "WdfTimerStop(Wait = TRUE) of " + tm.describe() + " on "
                        + t.name + " while " + tm.stopThread.name + " is in one: multiple calls to WdfTimerStop");
            }
            tm.startAborted = false;
            tm.stopThread = t;
            boolean result;
            boolean again = false;
            do {
                tm.stopAgain = false;
                result = disarm(tm);
                k.emit(t, EventType.FLUSH_START, tm.id, 0, again ? 1 : 0);
                flush(t, tm);
                again = true;
            } while (!result && tm.stopAgain);
            if (tm.stopThread == t) {
                tm.stopThread = null;
            }
            tm.stopAgain = false;
            if (tm.startAborted) {
                result = true;
                tm.startAborted = false;
            }
            k.emit(t, EventType.FLUSH_END, tm.id, 0, 1);
            k.emit(t, EventType.TIMER_STOP, tm.id, 0, 1 | (result ? 2 : 0));
            return result;
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: waits for the timer's DPC ({@code KeFlushQueuedDpcs}: every DPC queued now) and its work item. */
    private void flush(LogicalThread t, TimerImpl tm) {
        cpus.flushQueued(t, () -> "the stop of " + tm.describe());
        if (tm.workItem != null) {
            k.await(t, Wait.of(tm.workItem::idle, () -> "the work item of " + tm.describe() + " (WaitForExit)"), -1);
        }
    }

    // ------------------------------------------------------------------ delete

    /** Deletion reached the timer (itself or an ancestor): m_RunningDown, and it leaves the timer queue. Inside enter/exit. */
    void rundown(TimerImpl tm) {
        tm.runningDown = true;
        disarm(tm);
    }

    void destroyed(TimerImpl tm) {
        disarm(tm);
    }

    WdfObject parentOf(TimerImpl tm) {
        if (tm.destroyed) {
            useOfFreed(tm, "WdfTimerGetParentObject");
        }
        return tm.parent;
    }

    Object contextOf(TimerImpl tm) {
        if (tm.destroyed) {
            useOfFreed(tm, "the context");
        }
        return tm.context;
    }

    private void useOfFreed(TimerImpl tm, String what) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, tm.id);
        try {
            requireNotFreed(tm, what);
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: a call on a freed timer is a use of freed memory. */
    private void requireNotFreed(TimerImpl tm, String call) {
        if (tm.destroyed) {
            k.violation(t(), Rule.USE_AFTER_DELETE, tm.id, call + " on the freed handle of " + tm.describe());
            throw new BugCheckException(call + " on the freed handle of " + tm.describe() + ": the kernel would bug check here");
        }
    }

    private LogicalThread t() {
        return k.current();
    }

    // ------------------------------------------------------------------ the clock

    private void clockLoop(LogicalThread t) {
        Wait ended = Wait.idle(() -> false, "nothing: the run has ended");
        for (;;) {
            k.enter(t, EventType.TIMER_FIRE, 0);
            try {
                TimerImpl due;
                while ((due = earliestDue()) == null || k.runEnded()) {
                    if (k.runEnded()) {
                        k.await(t, ended, -1); // no timer fires after the run's end; the engine stops this thread
                        continue;
                    }
                    long seen = version;
                    k.await(t, clockWait(seen), earliestFireAt());
                }
                expire(t, due);
            } finally {
                k.exit(t);
            }
        }
    }

    /**
     * Ready when a timer is due, the timer queue changed, or the run ended (the clock then goes
     * idle: a silent step, so a replay may take it whenever); idle when nothing is armed.
     */
    private Wait clockWait(long seen) {
        return new Wait() {
            @Override
            public boolean ready() {
                return k.runEnded() || version != seen || earliestDue() != null;
            }

            @Override
            public String describe() {
                return "the next timer expiry";
            }

            @Override
            public boolean idle() {
                return armed.isEmpty();
            }
        };
    }

    private TimerImpl earliestDue() {
        long now = k.now();
        TimerImpl best = null;
        for (TimerImpl tm : armed) {
            if (tm.fireAt <= now && (best == null || tm.fireAt < best.fireAt
                    || tm.fireAt == best.fireAt && tm.armSeq < best.armSeq)) {
                best = tm;
            }
        }
        return best;
    }

    private long earliestFireAt() {
        long min = -1;
        for (TimerImpl tm : armed) {
            if (min < 0 || tm.fireAt < min) {
                min = tm.fireAt;
            }
        }
        return min;
    }

    /** Inside enter/exit, on the clock: the timer expires (the kernel's timer DPC thunk: FxTimer::_FxTimerDpcThunk). */
    private void expire(LogicalThread t, TimerImpl tm) {
        int cpu = -1;
        boolean queued;
        if (tm.passive) {
            // FxSystemWorkItem::TryToEnqueue: merged into a work item still waiting ([T6])
            queued = workItems.enqueueLocked(t, tm.workItem, tm.id, "the expiry of " + tm.describe());
        } else {
            cpu = (int) k.choose(t, Kernel.CHOICE_CPU, 0, cpus.count() - 1);
            queued = cpus.insert(tm.kdpc, cpu);
        }
        k.emit(t, EventType.TIMER_FIRE, tm.id, cpu + 1, queued ? 1 : 0);
        if (tm.periodic()) {
            arm(t, tm, tm.due + tm.config.periodNanos()); // every period after the previous due time ([T11])
        } else {
            disarm(tm);
        }
    }

    // ------------------------------------------------------------------ the callback (FxTimer::TimerHandler)

    /** A DISPATCH timer's callback runs in its DPC ([T5]). */
    private Cpus.Routine dpcRoutine(TimerImpl tm) {
        return new Cpus.Routine() {
            @Override
            public void begin(LogicalThread t) {
                callbackStarts(t, tm, null);
            }

            @Override
            public void run(LogicalThread t) {
                invoke(t, tm);
            }

            @Override
            public void end(LogicalThread t) {
                callbackEnds(t, tm);
            }
        };
    }

    /** A passive timer's callback, on the system worker that runs its work item ([T6]). Outside enter/exit. */
    private void passiveCallback(TimerImpl tm) {
        LogicalThread t = k.current();
        k.enter(t, EventType.EVT_CALLBACK_START, tm.id);
        try {
            callbackStarts(t, tm, t.frame);
        } finally {
            k.exit(t);
        }
        invoke(t, tm);
        k.enter(t, EventType.EVT_CALLBACK_END, tm.id);
        try {
            locks.releaseHeldAtReturn(t);
            callbackEnds(t, tm);
            t.frame = t.frame.outer;
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: m_CallbackThread, then the callback lock, then the start event. */
    private void callbackStarts(LogicalThread t, TimerImpl tm, LogicalThread.Frame outer) {
        tm.callbackThread = t;
        if (tm.callbackLock != null) {
            locks.acquireCallbackLock(t, tm.id, tm.callbackLock);
        }
        tm.running++;
        tm.runningThreads.add(t);
        int instance = ++tm.instances;
        t.frame = new LogicalThread.Frame(outer, tm.id, "EvtTimerFunc of " + tm.describe(), t.held.size());
        k.emit(t, EventType.EVT_CALLBACK_START, tm.id, CallbackKind.EVT_TIMER_FUNC.id(), instance);
    }

    private void invoke(LogicalThread t, TimerImpl tm) {
        k.invoke(t, "EvtTimerFunc of " + tm.describe(), () -> {
            tm.config.callback().onTimer(tm);
            return true;
        });
    }

    private void callbackEnds(LogicalThread t, TimerImpl tm) {
        if (tm.callbackLock != null) {
            locks.releaseCallbackLock(t, tm.callbackLock);
        }
        tm.running--;
        tm.runningThreads.remove(t);
        tm.callbackThread = null;
        k.emit(t, EventType.EVT_CALLBACK_END, tm.id, CallbackKind.EVT_TIMER_FUNC.id(), 0);
    }
}
