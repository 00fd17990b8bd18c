package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WdfTimer;

import java.util.ArrayList;

/**
 * A timer's state ({@code FxTimer}, {@code MxTimer}): armed or not, its due time and the instant
 * the schedule chose for its expiry, its DPC (a DISPATCH timer) or work item (a passive one), and
 * the fields the framework keeps for its stop and delete checks, under their names. Guarded by
 * the kernel; {@link Timers} owns the rules.
 */
final class TimerImpl extends ObjectImpl implements WdfTimer {
    private final Timers timers;
    final TimerConfig config;
    /** A passive-level timer: its callback runs on a system worker ({@code m_SystemWorkItem}). */
    final boolean passive;
    /** The callback lock of automatic serialization, or null. */
    final LockState callbackLock;
    final Object context;
    /** DISPATCH timer: the timer's KDPC. */
    Cpus.Kdpc kdpc;
    /** Passive timer: the work item its expiry queues. */
    WorkItemImpl workItem;

    /** In the system's timer queue. */
    boolean armed;
    long due;
    /** When it expires: chosen within [due, due + slack] when armed. */
    long fireAt;
    /** Arm order, for expiries at the same instant. */
    long armSeq;

    /** m_CallbackThread: set before the callback lock is taken, cleared after the callback. */
    LogicalThread callbackThread;
    /** m_StopThread: the thread in a waiting stop. */
    LogicalThread stopThread;
    /** m_StopAgain: a start armed the timer while a waiting stop ran. */
    boolean stopAgain;
    /** m_StartAborted: a start was refused because a waiting stop ran. */
    boolean startAborted;
    /** m_RunningDown: deletion began. */
    boolean runningDown;

    int running;
    int instances;
    final ArrayList<LogicalThread> runningThreads = new ArrayList<>(2);

    TimerImpl(Timers timers, Lifetime lifetime, int id, String name, ObjectImpl parent, TimerConfig config, boolean passive,
              LockState callbackLock, ObjectAttributes<?> attributes, Object context) {
        super(lifetime, id, name, ObjectKind.TIMER, parent, attributes.cleanup(), attributes.destroy());
        this.timers = timers;
        this.config = config;
        this.passive = passive;
        this.callbackLock = callbackLock;
        this.context = context;
    }

    boolean periodic() {
        return config.periodNanos() > 0;
    }

    /** Its callback is neither queued (DPC or work item) nor running. */
    boolean idle() {
        return running == 0 && (kdpc == null || kdpc.quiet()) && (workItem == null || workItem.idle());
    }

    // ------------------------------------------------------------------ object-kind SPI

    @Override
    boolean quiet() {
        return idle();
    }

    @Override
    String busyText() {
        return describe() + " (" + stateText() + ")";
    }

    @Override
    boolean runsOn(LogicalThread t) {
        return runningThreads.contains(t);
    }

    @Override
    void deleteReached() {
        timers.rundown(this);
    }

    @Override
    void destroyed() {
        timers.destroyed(this);
    }

    // ------------------------------------------------------------------ WdfTimer

    @Override
    public boolean start(long dueInNanos) {
        return timers.start(this, dueInNanos);
    }

    @Override
    public boolean stop(boolean wait) {
        return timers.stop(this, wait);
    }

    @Override
    public WdfObject parent() {
        return timers.parentOf(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C context() {
        return (C) timers.contextOf(this);
    }

    /** What a delete finds (the generic WdfObjectDelete disposes it: {@code FxTimer::Dispose}, [T17][T18]). */
    @Override
    DeleteState deleteState(LogicalThread caller) {
        if (runsOn(caller)) {
            return DeleteState.RUNNING_OWN_CALLBACK;
        }
        if (running > 0) {
            return DeleteState.RUNNING_OTHER_THREAD;
        }
        return idle() ? DeleteState.IDLE : DeleteState.QUEUED;
    }

    String stateText() {
        if (destroyed) {
            return "freed";
        }
        StringBuilder sb = new StringBuilder(dead ? "deleted" : "alive");
        sb.append(armed ? ", armed" : ", not armed");
        if (kdpc != null && kdpc.queued() || workItem != null && workItem.queued) {
            sb.append(", callback queued");
        }
        if (running > 0) {
            sb.append(", ").append(running).append(running == 1 ? " callback running" : " callbacks running");
        }
        return sb.toString();
    }
}
