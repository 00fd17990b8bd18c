package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.QueueStateCallback;
import dev.wdfrr.runtime.wdf.RequestType;

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
    /** One thing the loop does that runs code outside the kernel: begun and ended inside enter/exit. */
    abstract static class Step {
        abstract void begin(LogicalThread t);

        abstract void run(LogicalThread t);

        abstract void end(LogicalThread t);
    }

    /** The loops and request cleanups a call leaves for after its exit. */
    static final class Pending {
        private final ArrayList<RequestImpl> disposals = new ArrayList<>(1);
        private final ArrayList<QueueImpl> queues = new ArrayList<>(2);
        private final ArrayList<Step> steps = new ArrayList<>(2);

        void dispose(RequestImpl r) {
            disposals.add(r);
        }

        void add(QueueImpl q, Step first) {
            if (first != null) {
                queues.add(q);
                steps.add(first);
            }
        }
    }

    private final Kernel k;
    private final Locks locks;
    private final Lifetime lifetime;
    private final WorkItems workItems;
    private final Cpus cpus;
    private final Requests requests;

    QueueLoop(Kernel k, Locks locks, Lifetime lifetime, WorkItems workItems, Cpus cpus, Requests requests) {
        this.k = k;
        this.locks = locks;
        this.lifetime = lifetime;
        this.workItems = workItems;
        this.cpus = cpus;
        this.requests = requests;
        requests.useHome(this);
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
    Step dispatchEvents(LogicalThread t, QueueImpl q, long mark) {
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
    Step dispatchInternal(LogicalThread t, QueueImpl q, long mark) {
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
        Step first;
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
    void run(LogicalThread t, QueueImpl q, Step first) {
        Step s = first;
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
    void runAlone(LogicalThread t, Step s) {
        s.run(t);
        k.enter(t, EventType.EVT_CALLBACK_END, 0);
        try {
            s.end(t);
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit, with {@code t} counted in {@code q.dispatching}: the next step, begun, or null after leaving. */
    Step next(LogicalThread t, QueueImpl q, long mark) {
        for (;;) {
            Step s = nextStep(t, q);
            if (s == AGAIN) {
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

    /** Marks a pass that changed something without a step of its own: look again. */
    private static final Step AGAIN = new Step() {
        @Override
        void begin(LogicalThread t) {
        }

        @Override
        void run(LogicalThread t) {
        }

        @Override
        void end(LogicalThread t) {
        }
    };

    /** One pass of FxIoQueue::DispatchEvents, in its order. */
    private Step nextStep(LogicalThread t, QueueImpl q) {
        if (q.dead && !q.waiting.isEmpty()) {
            // FxIoQueue::Dispose purges what is still waiting
            RequestImpl r = q.waiting.poll();
            r.cancelled = true;
            return new Completion(r, NtStatus.CANCELLED.code());
        }
        if (!q.cancelled.isEmpty() && !q.powerNotifying) {
            return cancelRoutine(q, q.cancelled.poll()); // ProcessCancelledRequests
        }
        if (!q.canceledOnQueue.isEmpty() && !q.powerNotifying) {
            RequestImpl r = q.canceledOnQueue.poll(); // ProcessCancelledRequestsOnQueue
            QueueConfig c = q.config;
            return new Callback(q, r, r.id, CallbackKind.EVT_IO_CANCELED_ON_QUEUE, true, EventType.EVT_CALLBACK_START,
                    CallbackKind.EVT_IO_CANCELED_ON_QUEUE.id(), 0, () -> {
                        c.onCanceledOnQueue().onCanceled(q, r);
                        return true;
                    });
        }
        if (q.idleComplete != null && q.dispatching == 1 && q.owned.isEmpty()) {
            // ProcessIdleComplete: the stop completion runs without the callback lock ([Q5])
            QueueStateCallback cb = q.idleComplete;
            q.idleComplete = null;
            q.cancelDispatchedRequests = false;
            k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 1);
            if (cb == QueueImpl.SYNC) {
                q.idleSignals++;
                return AGAIN;
            }
            return stateCallback(q, cb, CallbackKind.QUEUE_STOPPED, false);
        }
        if (q.purgeComplete != null && q.totalIoCount() == 0 && q.dispatching == 1) {
            QueueStateCallback cb = q.purgeComplete;
            boolean drain = q.purgeIsDrain;
            q.purgeComplete = null;
            q.cancelDispatchedRequests = false;
            k.emit(t, EventType.QUEUE_IDLE, q.id, 0, drain ? 3 : 2);
            if (cb == QueueImpl.SYNC) {
                q.purgeSignals++;
                return AGAIN;
            }
            return stateCallback(q, cb, drain ? CallbackKind.QUEUE_DRAINED : CallbackKind.QUEUE_PURGED, true);
        }
        if (q.power != QueueImpl.Power.ON || !q.dispatchBit) {
            return null; // powered off or in a power transition; or stopped
        }
        if (q.type() == DispatchType.MANUAL) {
            if (q.readyNotify != null && q.transitionFromEmpty) {
                q.transitionFromEmpty = false; // ProcessReadyNotify
                QueueStateCallback cb = q.readyNotify;
                return stateCallback(q, cb, CallbackKind.QUEUE_READY, true);
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
        return deliver(q, r);
    }

    /** {@code FxIoQueue::DispatchRequestToDriver} ([Q6][Q7]). */
    private Step deliver(QueueImpl q, RequestImpl r) {
        QueueConfig c = q.config;
        boolean zeroLength = (r.type == RequestType.READ || r.type == RequestType.WRITE) && r.length == 0
                && !c.allowZeroLengthRequests();
        CallbackKind kind;
        Kernel.DriverCode code;
        switch (r.type) {
            case READ -> {
                kind = c.onRead() != null ? CallbackKind.EVT_IO_READ : CallbackKind.EVT_IO_DEFAULT;
                code = c.onRead() != null ? () -> {
                    c.onRead().onRead(q, r, r.length);
                    return true;
                } : null;
            }
            case WRITE -> {
                kind = c.onWrite() != null ? CallbackKind.EVT_IO_WRITE : CallbackKind.EVT_IO_DEFAULT;
                code = c.onWrite() != null ? () -> {
                    c.onWrite().onWrite(q, r, r.length);
                    return true;
                } : null;
            }
            case DEVICE_CONTROL -> {
                kind = c.onDeviceControl() != null ? CallbackKind.EVT_IO_DEVICE_CONTROL : CallbackKind.EVT_IO_DEFAULT;
                code = c.onDeviceControl() != null ? () -> {
                    c.onDeviceControl().onDeviceControl(q, r, r.length, r.inputLength, r.ioControlCode);
                    return true;
                } : null;
            }
            default -> {
                kind = c.onInternalDeviceControl() != null ? CallbackKind.EVT_IO_INTERNAL_DEVICE_CONTROL
                        : CallbackKind.EVT_IO_DEFAULT;
                code = c.onInternalDeviceControl() != null ? () -> {
                    c.onInternalDeviceControl().onDeviceControl(q, r, r.length, r.inputLength, r.ioControlCode);
                    return true;
                } : null;
            }
        }
        if (code == null && c.onDefault() != null) {
            code = () -> {
                c.onDefault().onRequest(q, r);
                return true;
            };
        }
        if (code == null) {
            return new Completion(r, NtStatus.INVALID_DEVICE_REQUEST.code());
        }
        if (zeroLength) {
            return new Completion(r, NtStatus.SUCCESS.code());
        }
        r.presented = true;
        Callback step = new Callback(q, r, r.id, kind, true, EventType.REQUEST_DISPATCH, q.id, kind.id(), code);
        step.delivery = true;
        return step;
    }

    private Step cancelRoutine(QueueImpl q, RequestImpl r) {
        Callback step = new Callback(q, r, r.id, CallbackKind.EVT_REQUEST_CANCEL, true, EventType.EVT_CALLBACK_START,
                CallbackKind.EVT_REQUEST_CANCEL.id(), 0, () -> {
                    r.cancelRoutine.onCancel(r);
                    return true;
                });
        step.cancel = true;
        return step;
    }

    private Step stateCallback(QueueImpl q, QueueStateCallback cb, CallbackKind kind, boolean locked) {
        return new Callback(q, null, q.id, kind, locked, EventType.EVT_CALLBACK_START, kind.id(), 0, () -> {
            cb.onState(q);
            return true;
        });
    }

    /** Inside enter/exit: a step that runs one driver callback of a queue ({@code FxIoQueueIo*::Invoke}). */
    Step callback(QueueImpl q, RequestImpl r, CallbackKind kind, long arg, Kernel.DriverCode code) {
        return new Callback(q, r, r == null ? q.id : r.id, kind, true, EventType.EVT_CALLBACK_START, kind.id(), arg, code);
    }

    /**
     * A queue callback: the callback lock when the queue's scope has one and [Q5] says so (at
     * DISPATCH for a spin lock), its frame, then the start event; after it, the locks it left held
     * are reported, the callback lock released, the end traced.
     */
    private final class Callback extends Step {
        final QueueImpl q;
        final RequestImpl r;
        final int object;
        final CallbackKind kind;
        final boolean locked;
        final EventType startType;
        final int startRelated;
        final long startArg;
        final Kernel.DriverCode code;
        boolean delivery;
        boolean cancel;
        private LockState lock;
        private Irql saved;

        Callback(QueueImpl q, RequestImpl r, int object, CallbackKind kind, boolean locked, EventType startType,
                 int startRelated, long startArg, Kernel.DriverCode code) {
            this.q = q;
            this.r = r;
            this.object = object;
            this.kind = kind;
            this.locked = locked;
            this.startType = startType;
            this.startRelated = startRelated;
            this.startArg = startArg;
            this.code = code;
        }

        @Override
        void begin(LogicalThread t) {
            lock = locked ? q.scopeLock() : null;
            if (lock != null) {
                locks.acquireCallbackLock(t, object, lock);
            }
            saved = t.irql;
            if (lock != null && !q.passive() && Irql.DISPATCH.above(t.irql)) {
                t.irql = Irql.DISPATCH; // a spin-lock callback lock is held at DISPATCH ([Q4])
            }
            if (delivery) {
                r.dispatchThread = t;
            }
            if (cancel) {
                r.cancelRoutineStarted = true; // FXREQUEST_FLAG_CANCELLED: ProcessCancelledRequests
                r.inCancelRoutine = t;
            }
            t.frame = new LogicalThread.Frame(t.frame, object, kind.label() + " of " + (r != null ? r.describe()
                    : q.describe()), t.held.size());
            k.emit(t, startType, object, startRelated, startArg);
        }

        @Override
        void run(LogicalThread t) {
            k.invoke(t, kind.label() + " of " + (r != null ? r.describe() : q.describe()), code);
        }

        @Override
        void end(LogicalThread t) {
            locks.releaseHeldAtReturn(t);
            if (lock != null) {
                locks.releaseCallbackLock(t, lock);
            }
            t.irql = saved;
            if (delivery && r.dispatchThread == t) {
                r.dispatchThread = null;
            }
            if (cancel && r.inCancelRoutine == t) {
                r.inCancelRoutine = null;
            }
            t.frame = t.frame.outer;
            k.emit(t, EventType.EVT_CALLBACK_END, object, kind.id(), 0);
        }
    }

    /** The framework completes a request itself (zero length, no callback, cancelled while waiting): its cleanup runs here. */
    private final class Completion extends Step {
        final RequestImpl r;
        final long status;
        private final Pending p = new Pending();

        Completion(RequestImpl r, long status) {
            this.r = r;
            this.status = status;
        }

        @Override
        void begin(LogicalThread t) {
            requests.completeLocked(t, r, status, 0, p, k.eventCount());
        }

        @Override
        void run(LogicalThread t) {
            runPending(t, p);
        }

        @Override
        void end(LogicalThread t) {
        }
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
            run(t, p.queues.get(i), p.steps.get(i));
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
