package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.QueueStateCallback;

import java.util.ArrayList;

/**
 * A queue's dispatch loop, step by step as {@code FxIoQueue::DispatchEvents} runs it (io-queues-
 * and-requests.md [Q8]-[Q11], [Q17]-[Q19], [Q22], [Q25], [R8]): held cancellations first, then the
 * stop and purge completion points, then, if the queue is powered, started and not at its limit,
 * the next waiting request. Any thread that changes a queue's state offers to run it: the
 * arriving thread, the completing one (unless another thread is in the loop), the one that starts
 * the queue, the PnP thread. A thread that holds the queue's callback lock, or a passive queue
 * entered above PASSIVE, hands the loop to the queue's DPC or work item ([Q10]).
 *
 * <p>Each pass of the loop is one kernel step that traces something: either the next step
 * begins (its start event) or the thread leaves the loop; a leave in a step that traced nothing
 * else is traced as {@code queue_idle 0}, so a replay sees every change of the loop count.
 */
final class QueueLoop implements Requests.RequestHome {
    /** The loops and request cleanups a call leaves for after its exit. */
    static final class Pending {
        private final ArrayList<RequestImpl> disposals = new ArrayList<>(1);
        private final ArrayList<QueueImpl> queues = new ArrayList<>(2);
        private final ArrayList<QueueSteps.Step> firstSteps = new ArrayList<>(2);

        void dispose(RequestImpl r) {
            disposals.add(r);
        }

        void add(QueueImpl q, QueueSteps.Step first) {
            if (first != null) {
                queues.add(q);
                firstSteps.add(first);
            }
        }
    }

    private final Kernel k;
    private final Lifetime lifetime;
    private final WorkItems workItems;
    private final Cpus cpus;
    private final Requests requests;
    private final QueueSteps steps;

    QueueLoop(Kernel k, Locks locks, Lifetime lifetime, WorkItems workItems, Cpus cpus, Requests requests) {
        this.k = k;
        this.lifetime = lifetime;
        this.workItems = workItems;
        this.cpus = cpus;
        this.requests = requests;
        this.steps = new QueueSteps(k, locks, requests);
        requests.useHome(this);
    }

    /** How each kind of step runs; EvtIoStop and EvtIoResume are built from it by {@link QueuePower}. */
    QueueSteps steps() {
        return steps;
    }

    /** The queue's deferred-dispatch DPC ({@code FxIoQueue::_DeferredDispatchDpcThunk}). */
    Cpus.Kdpc newDpc(QueueImpl q) {
        return new Cpus.Kdpc(q.id, new Cpus.Routine() {
            @Override
            public void begin(LogicalThread t) {
                t.frame = new LogicalThread.Frame(null, q.id, "deferred dispatch DPC of " + q.describe(), t.held.size());
                k.emit(t, EventType.DPC_START, q.id, 0, 0);
            }

            @Override
            public void run(LogicalThread t) {
                deferredRun(t, q);
            }

            @Override
            public void end(LogicalThread t) {
                k.emit(t, EventType.DPC_END, q.id, 0, 0);
            }
        });
    }

    // ------------------------------------------------------------------ entering the loop

    /** Inside enter/exit: {@code FxIoQueue::DispatchEvents} on {@code t}: the loop's first step, or null. */
    QueueSteps.Step dispatchEvents(LogicalThread t, QueueImpl q, long mark) {
        if (q.deleted) {
            return null;
        }
        if (!canDispatch(t, q)) {
            postDeferred(t, q);
            return null;
        }
        q.dispatching++;
        return next(t, q, mark);
    }

    /** Inside enter/exit: {@code DispatchInternalEvents}: only when no thread is in the loop (it will see the change). */
    QueueSteps.Step dispatchInternal(LogicalThread t, QueueImpl q, long mark) {
        return q.dispatching == 0 ? dispatchEvents(t, q, mark) : null;
    }

    /** {@code FxIoQueue::CanThreadDispatchEventsLocked} ([Q10]). */
    private static boolean canDispatch(LogicalThread t, QueueImpl q) {
        if (t.irql.above(Irql.PASSIVE) && q.passive()) {
            return false;
        }
        LockState lock = q.scopeLock();
        return lock == null || lock.owner != t;
    }

    /** Inside enter/exit: the loop handed to the queue's work item (passive) or DPC. */
    private void postDeferred(LogicalThread t, QueueImpl q) {
        if (q.passive()) {
            if (q.workItem == null) {
                q.workItem = workItems.createOwned(t, q, item -> deferredRun(k.current(), q));
            }
            workItems.enqueueLocked(t, q.workItem, q.id, "the deferred dispatch of " + q.describe());
        } else {
            boolean queued = cpus.insert(q.dpc, cpus.cpuOf(t));
            k.emit(t, EventType.DPC_QUEUE, q.id, 0, queued ? 1 : 0);
        }
    }

    /** Inside enter/exit: a deleted queue's runner purges what still waits ({@code FxIoQueue::Dispose}). */
    void postDeferredForRundown(LogicalThread t, QueueImpl q) {
        postDeferred(t, q);
    }

    /** Outside enter/exit: the deferred runner, on the queue's DPC or work item. */
    private void deferredRun(LogicalThread t, QueueImpl q) {
        QueueSteps.Step first;
        k.enter(t, EventType.REQUEST_DISPATCH, q.id);
        try {
            first = dispatchEvents(t, q, k.eventCount());
        } finally {
            k.exit(t);
        }
        run(t, q, first);
    }

    // ------------------------------------------------------------------ the loop

    /** Outside enter/exit: runs the loop from its first step until the thread leaves it. */
    void run(LogicalThread t, QueueImpl q, QueueSteps.Step first) {
        QueueSteps.Step s = first;
        while (s != null) {
            s.run(t);
            k.enter(t, EventType.EVT_CALLBACK_END, q.id);
            try {
                long mark = k.eventCount();
                s.end(t);
                s = next(t, q, mark);
            } finally {
                k.exit(t);
            }
        }
    }

    /** Outside enter/exit: one step on its own (EvtIoStop, EvtIoResume on the PnP thread). */
    void runAlone(LogicalThread t, QueueSteps.Step s) {
        s.run(t);
        k.enter(t, EventType.EVT_CALLBACK_END, 0);
        try {
            s.end(t);
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit, with {@code t} counted in {@code q.dispatching}: the next step, begun, or null after leaving. */
    QueueSteps.Step next(LogicalThread t, QueueImpl q, long mark) {
        for (;;) {
            QueueSteps.Step s = nextStep(t, q);
            if (s == QueueSteps.AGAIN) {
                continue;
            }
            if (s == null) {
                q.dispatching--;
                if (k.eventCount() == mark) {
                    k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 0);
                }
                return null;
            }
            s.begin(t);
            return s;
        }
    }

    /** One pass of FxIoQueue::DispatchEvents, in its order. */
    private QueueSteps.Step nextStep(LogicalThread t, QueueImpl q) {
        if (q.dead && !q.waiting.isEmpty()) {
            // FxIoQueue::Dispose purges what is still waiting
            RequestImpl r = q.waiting.poll();
            r.cancelled = true;
            return steps.completion(r, NtStatus.CANCELLED.code());
        }
        if (!q.cancelled.isEmpty() && !q.powerNotifying) {
            return steps.cancelRoutine(q, q.cancelled.poll()); // ProcessCancelledRequests
        }
        if (!q.canceledOnQueue.isEmpty() && !q.powerNotifying) {
            RequestImpl r = q.canceledOnQueue.poll(); // ProcessCancelledRequestsOnQueue
            return steps.canceledOnQueue(q, r);
        }
        if (q.idleComplete != null && q.dispatching == 1 && q.owned.isEmpty()) {
            // ProcessIdleComplete: the stop completion runs without the callback lock ([Q5])
            QueueStateCallback cb = q.idleComplete;
            q.idleComplete = null;
            q.cancelDispatchedRequests = false;
            k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 1);
            if (cb == QueueImpl.SYNC) {
                q.idleSignals++;
                return QueueSteps.AGAIN;
            }
            return steps.stateCallback(q, cb, CallbackKind.QUEUE_STOPPED, false);
        }
        if (q.purgeComplete != null && q.totalIoCount() == 0 && q.dispatching == 1) {
            QueueStateCallback cb = q.purgeComplete;
            boolean drain = q.purgeIsDrain;
            q.purgeComplete = null;
            q.cancelDispatchedRequests = false;
            k.emit(t, EventType.QUEUE_IDLE, q.id, 0, drain ? 3 : 2);
            if (cb == QueueImpl.SYNC) {
                q.purgeSignals++;
                return QueueSteps.AGAIN;
            }
            return steps.stateCallback(q, cb, drain ? CallbackKind.QUEUE_DRAINED : CallbackKind.QUEUE_PURGED, true);
        }
        if (q.power != QueueImpl.Power.ON || !q.dispatchBit) {
            return null; // powered off or in a power transition; or stopped
        }
        if (q.type() == DispatchType.MANUAL) {
            if (q.readyNotify != null && q.transitionFromEmpty) {
                q.transitionFromEmpty = false; // ProcessReadyNotify
                QueueStateCallback cb = q.readyNotify;
                return steps.stateCallback(q, cb, CallbackKind.QUEUE_READY, true);
            }
            return null;
        }
        if (q.type() == DispatchType.SEQUENTIAL && !q.owned.isEmpty()) {
            return null;
        }
        if (q.type() == DispatchType.PARALLEL && q.config.presentedLimit() > 0
                && q.owned.size() >= q.config.presentedLimit()) {
            return null;
        }
        RequestImpl r = q.waiting.poll();
        if (r == null) {
            return null;
        }
        r.where = RequestImpl.Where.OWNED;
        q.owned.add(r);
        return steps.deliver(q, r);
    }

    // ------------------------------------------------------------------ RequestHome

    @Override
    public void leftDriver(LogicalThread t, QueueImpl q, Pending p, long mark) {
        p.add(q, dispatchInternal(t, q, mark));
    }

    @Override
    public void cancelForDriver(LogicalThread t, QueueImpl q, RequestImpl r, Pending p, long mark) {
        q.cancelled.add(r);
        p.add(q, dispatchInternal(t, q, mark));
    }

    @Override
    public void cancelForQueue(LogicalThread t, QueueImpl q, RequestImpl r, Pending p, long mark) {
        if (q.config.onCanceledOnQueue() != null && r.presented) {
            // [Q22] given back to the driver through EvtIoCanceledOnQueue
            r.where = RequestImpl.Where.OWNED;
            q.owned.add(r);
            q.canceledOnQueue.add(r);
        } else {
            requests.completeLocked(t, r, NtStatus.CANCELLED.code(), 0, p, mark);
        }
        p.add(q, dispatchInternal(t, q, mark));
        if (k.eventCount() == mark) {
            k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 6); // handed to the thread in the loop (EvtIoCanceledOnQueue)
        }
    }

    @Override
    public void queueRequest(LogicalThread t, QueueImpl dest, RequestImpl r, Pending p, long mark) {
        r.queue = dest;
        if (r.cancelled) {
            requests.completeLocked(t, r, NtStatus.CANCELLED.code(), 0, p, mark);
            return;
        }
        insertWaiting(dest, r, false);
        p.add(dest, dispatchEvents(t, dest, mark));
    }

    @Override
    public void requeue(LogicalThread t, QueueImpl q, RequestImpl r, Pending p, long mark) {
        insertWaiting(q, r, true);
        p.add(q, dispatchInternal(t, q, mark));
    }

    @Override
    public void runPending(LogicalThread t, Pending p) {
        for (RequestImpl r : p.disposals) {
            lifetime.dispose(t, r);
        }
        for (int i = 0; i < p.queues.size(); i++) {
            run(t, p.queues.get(i), p.firstSteps.get(i));
        }
    }

    /** Inside enter/exit: into the cancel-safe queue, noting a transition from empty ({@code CheckTransitionFromEmpty}). */
    void insertWaiting(QueueImpl q, RequestImpl r, boolean head) {
        r.where = RequestImpl.Where.WAITING;
        r.queue = q;
        if (head) {
            q.waiting.addFirst(r);
        } else {
            q.waiting.addLast(r);
        }
        if (q.requestCount() == 1 || q.forceTransitionFromEmpty) {
            q.transitionFromEmpty = true;
            q.forceTransitionFromEmpty = false;
        }
    }
}
