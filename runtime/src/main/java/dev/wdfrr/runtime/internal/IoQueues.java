package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.QueueState;
import dev.wdfrr.runtime.wdf.QueueStateCallback;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.Retrieved;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * I/O queues' calls ({@code FxIoQueue}, {@code FxPkgIo}; io-queues-and-requests.md): create and
 * its checks, the routing of an arriving request, start, stop, stop-and-purge, drain and purge with
 * their synchronous forms, retrieve and find on manual queues, ready notify, the state, and the
 * framework's purge when a queue is deleted. The dispatch loop is {@link QueueLoop}.
 */
final class IoQueues implements Devices.QueueFactory {
    private final Kernel k;
    private final IrqlRules irql;
    private final Lifetime lifetime;
    private final Requests requests;
    private final QueueLoop loop;
    /** Threads waiting in a synchronous stop/purge/drain or a power transition, for the deadlock report. */
    private final ArrayList<PendingWait> waits = new ArrayList<>();
    private final ArrayList<QueueImpl> queues = new ArrayList<>();

    /**
     * How long a wait for requests may last before wdfrr calls it a hang and ends the run: a
     * virtual second (the framework waits forever; its verifier breaks every 60 s). A periodic
     * timer that keeps firing would otherwise keep such a run from ever deadlocking.
     */
    static final long HANG_NANOS = 1_000_000_000L;

    /** A thread waiting for a queue's requests to be completed or acknowledged. */
    static final class PendingWait {
        final LogicalThread thread;
        final QueueImpl queue;
        final String what;
        boolean reported;

        PendingWait(LogicalThread thread, QueueImpl queue, String what) {
            this.thread = thread;
            this.queue = queue;
            this.what = what;
        }
    }

    IoQueues(Kernel k, IrqlRules irql, Lifetime lifetime, Requests requests, QueueLoop loop) {
        this.k = k;
        this.irql = irql;
        this.lifetime = lifetime;
        this.requests = requests;
        this.loop = loop;
        k.onDeadlock(this::reportPending);
    }

    QueueLoop loop() {
        return loop;
    }

    // ------------------------------------------------------------------ create ([Q3][Q4])

    /** {@code WdfIoQueueCreate} → {@code FxIoQueue::Initialize}, {@code ConfigureConstraints}. */
    @Override
    public WdfQueue create(DeviceImpl device, QueueConfig c) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, device.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, device, "WdfIoQueueCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfIoQueueCreate above DISPATCH");
            }
            Lifetime.requireAlive(device, "WdfIoQueueCreate");
            if (c.dispatchType() == DispatchType.MANUAL && (c.hasRequestCallback())) {
                throw invalid(c, "a manual queue takes no request callbacks", NtStatus.INVALID_PARAMETER);
            }
            if (c.dispatchType() != DispatchType.MANUAL && !c.hasRequestCallback()) {
                throw invalid(c, "at least one of EvtIoDefault|EvtIoRead|EvtIoWrite|EvtIoDeviceControl|"
                        + "EvtIoInternalDeviceControl must be set", NtStatus.WDF_NO_CALLBACK);
            }
            if (c.presentedLimit() != 0 && c.dispatchType() != DispatchType.PARALLEL) {
                throw invalid(c, "NumberOfPresentedRequests is for parallel queues only", NtStatus.INVALID_PARAMETER);
            }
            if (c.presentedLimit() < 0) {
                throw invalid(c, "NumberOfPresentedRequests must be >= 0", NtStatus.INVALID_PARAMETER);
            }
            if (c.syncScope() == SyncScope.DEVICE && c.executionLevel() != ExecutionLevel.INHERIT_FROM_PARENT
                    && c.executionLevel() != device.effectiveLevel()) {
                throw invalid(c, "synchronization scope Device needs the device's execution level ("
                        + device.effectiveLevel() + ")", NtStatus.INVALID_PARAMETER);
            }
            if (c.isDefault()) {
                if (device.defaultQueue != null) {
                    throw invalid(c, "the device already has a default queue", NtStatus.INVALID_DEVICE_STATE);
                }
                if (device.started()) {
                    throw invalid(c, "a default queue must be created before the device starts", NtStatus.INVALID_DEVICE_STATE);
                }
            }
            int id = k.newObjectId();
            int lockId = k.newObjectId();
            boolean managed = c.powerManaged() == null || c.powerManaged();
            QueueImpl q = new QueueImpl(this, lifetime, id, device, c, lockId, managed);
            q.dpc = loop.newDpc(q);
            device.children.add(q);
            device.queues.add(q);
            queues.add(q);
            if (c.isDefault()) {
                device.defaultQueue = q;
            }
            k.nameObject(t, id, q.name);
            k.nameObject(t, lockId, q.callbackLock.name);
            k.emit(t, EventType.OBJECT_CREATE, id, device.id, ObjectKind.QUEUE.id());
            return q;
        } finally {
            k.exit(t);
        }
    }

    private static WdfException invalid(QueueConfig c, String why, NtStatus status) {
        return new WdfException(status, "WdfIoQueueCreate of '" + c.name() + "': " + why);
    }

    /** {@code WdfDeviceConfigureRequestDispatching}. */
    @Override
    public void configureDispatching(DeviceImpl device, WdfQueue queue, RequestType type) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, device.id);
        try {
            if (!(queue instanceof QueueImpl q) || q.device != device) {
                throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfDeviceConfigureRequestDispatching: "
                        + queue + " is not a queue of " + device.describe());
            }
            if (device.dispatching.containsKey(type)) {
                throw new WdfException(NtStatus.WDF_BUSY, "WdfDeviceConfigureRequestDispatching: " + type.label()
                        + " requests already go to " + device.dispatching.get(type).describe());
            }
            device.dispatching.put(type, q);
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ arrival ([Q1][Q2][Q21])

    /** A request arrives on the requester's thread: created, routed, and delivered if the queue can now. Outside enter/exit. */
    RequestImpl arrive(LogicalThread t, DeviceImpl device, RequesterImpl requester, RequestType type, long length,
                       long inputLength, int code) {
        QueueLoop.Pending p = new QueueLoop.Pending();
        RequestImpl r;
        k.enter(t, EventType.REQUEST_CREATE, device.id);
        try {
            long mark = k.eventCount();
            r = requests.create(t, device, requester, type, length, inputLength, code);
            long arg = Math.min(length, 0xFFFFFFFFL) | (long) type.id() << 32;
            // FxPkgIo::DispatchStep1: the configured queue for the type, else the default queue
            QueueImpl q = device.dead ? null : device.dispatching.getOrDefault(type, device.defaultQueue);
            k.emit(t, EventType.REQUEST_CREATE, r.id, q == null ? 0 : q.id, arg);
            lifetime.contexts().attach(t, r, r.context);
            if (q == null) {
                requests.completeLocked(t, r, device.dead ? NtStatus.DELETE_PENDING.code()
                        : NtStatus.INVALID_DEVICE_REQUEST.code(), 0, p, mark);
            } else if (!q.accepting) {
                r.queue = q; // FxIoQueue::QueueRequest: a queue that does not accept
                requests.completeLocked(t, r, NtStatus.INVALID_DEVICE_STATE.code(), 0, p, mark);
            } else {
                loop.insertWaiting(q, r, false);
                p.add(q, loop.dispatchEvents(t, q, mark));
            }
        } finally {
            k.exit(t);
        }
        loop.runPending(t, p);
        return r;
    }

    // ------------------------------------------------------------------ start, stop, purge, drain ([Q17]-[Q26])

    /** {@code WdfIoQueueStart} → {@code FxIoQueue::QueueStart}. */
    void start(QueueImpl q) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        k.enter(t, EventType.QUEUE_START, q.id);
        try {
            long mark = k.eventCount();
            if (!irql.ok(t, Irql.DISPATCH, q, "WdfIoQueueStart")) {
                return;
            }
            q.dispatchBit = true;
            if (!q.shutdown) {
                q.accepting = true; // SetState ignores the accept bit of a queue shut down at removal ([Q26])
            }
            q.cancelDispatchedRequests = false;
            if (q.requestCount() > 0) {
                q.transitionFromEmpty = true;
                q.forceTransitionFromEmpty = false;
            }
            k.emit(t, EventType.QUEUE_START, q.id, 0, 1);
            p.add(q, loop.dispatchEvents(t, q, mark));
        } finally {
            k.exit(t);
        }
        loop.runPending(t, p);
    }

    /** {@code WdfIoQueueStop(AndPurge)(Synchronously)} → {@code FxIoQueue::QueueIdle}. */
    void stop(QueueImpl q, QueueStateCallback callback, boolean purge, boolean sync) {
        String call = "WdfIoQueueStop" + (purge ? "AndPurge" : "") + (sync ? "Synchronously" : "");
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        int ticket;
        k.enter(t, EventType.QUEUE_STOP, q.id);
        try {
            long mark = k.eventCount();
            if (!checkStateCall(t, q, call, sync)) {
                return;
            }
            QueueStateCallback cb = sync ? QueueImpl.SYNC : callback;
            ticket = q.idleSignals; // the completion point may come before this call returns
            if (cb != null) {
                if (q.idleComplete != null) {
                    fatal(t, q, call + " while a stop-type completion is already pending");
                }
                q.idleComplete = cb;
            }
            if (!q.shutdown) {
                q.accepting = true;
            }
            q.dispatchBit = false;
            k.emit(t, EventType.QUEUE_STOP, q.id, 0, (sync ? 1 : 0) | (purge ? 2 : 0));
            if (purge) {
                q.cancelDispatchedRequests = true;
                cancelAll(t, q, CancelReason.STOP_AND_PURGE, p, mark);
            }
            p.add(q, loop.dispatchEvents(t, q, mark));
        } finally {
            k.exit(t);
        }
        loop.runPending(t, p);
        if (sync) {
            awaitSignal(t, q, () -> q.idleSignals > ticket, call);
        }
    }

    /** {@code WdfIoQueuePurge}/{@code Drain}{@code (Synchronously)} → {@code FxIoQueue::QueuePurge}. */
    void purge(QueueImpl q, QueueStateCallback callback, boolean drain, boolean sync) {
        String call = "WdfIoQueue" + (drain ? "Drain" : "Purge") + (sync ? "Synchronously" : "");
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        int ticket;
        k.enter(t, drain ? EventType.QUEUE_DRAIN : EventType.QUEUE_PURGE, q.id);
        try {
            long mark = k.eventCount();
            if (!checkStateCall(t, q, call, sync)) {
                return;
            }
            QueueStateCallback cb = sync ? QueueImpl.SYNC : callback;
            ticket = q.purgeSignals;
            if (cb != null) {
                if (q.purgeComplete != null) {
                    fatal(t, q, call + " while a purge-type completion is already pending");
                }
                q.purgeComplete = cb;
                q.purgeIsDrain = drain;
            }
            q.accepting = false;
            k.emit(t, drain ? EventType.QUEUE_DRAIN : EventType.QUEUE_PURGE, q.id, 0, sync ? 1 : 0);
            if (!drain) {
                q.cancelDispatchedRequests = true; // KMDF 1.11+
                cancelAll(t, q, CancelReason.PURGE, p, mark);
            }
            p.add(q, loop.dispatchEvents(t, q, mark));
        } finally {
            k.exit(t);
        }
        loop.runPending(t, p);
        if (sync) {
            awaitSignal(t, q, () -> q.purgeSignals > ticket, call);
        }
    }

    /** Inside enter/exit: the IRQL, a disposed queue ([Q23]) and a synchronous call from an EvtIo callback ([Q24]). */
    private boolean checkStateCall(LogicalThread t, QueueImpl q, String call, boolean sync) {
        if (!irql.ok(t, sync ? Irql.PASSIVE : Irql.DISPATCH, q, call)) {
            return false;
        }
        if (q.deleted) {
            fatal(t, q, call + " on a queue whose disposal has finished");
        }
        if (sync && inIoCallback(t)) {
            k.violation(t, Rule.SYNC_QUEUE_CALL_IN_IO_CALLBACK, q.id, call + " of " + q.describe() + " from "
                    + t.frame.what + " on " + t.name + ": the reference pages forbid it; it hangs when it waits for that "
                    + "callback's own request or lock");
        }
        return true;
    }

    private static boolean inIoCallback(LogicalThread t) {
        for (LogicalThread.Frame f = t.frame; f != null; f = f.outer) {
            if (f.what.startsWith("EvtIo")) {
                return true;
            }
        }
        return false;
    }

    /** {@code FxIoQueue::FatalError}: bug check 0x10D, parameter 1 = 0xA WDF_QUEUE_FATAL_ERROR. */
    private void fatal(LogicalThread t, QueueImpl q, String what) {
        k.violation(t, Rule.QUEUE_FATAL_ERROR, q.id, what + " (" + q.describe() + ")");
        throw new BugCheckException("bug check 0x10D WDF_VIOLATION (0xA WDF_QUEUE_FATAL_ERROR): " + what + " ("
                + q.describe() + ")");
    }

    /**
     * Inside enter/exit: a purge's cancellations ([Q19]): every waiting request (completed
     * STATUS_CANCELLED or given to EvtIoCanceledOnQueue), then every cancelable driver-owned one
     * (its cancel routine scheduled).
     */
    void cancelAll(LogicalThread t, QueueImpl q, CancelReason reason, QueueLoop.Pending p, long mark) {
        for (RequestImpl r : new ArrayList<>(q.waiting)) {
            requests.cancel(t, r, reason, p, mark);
            requests.cancelForQueue(t, r, p, mark);
        }
        for (RequestImpl r : new ArrayList<>(q.owned)) {
            if (r.inCancelSet) {
                requests.cancel(t, r, reason, p, mark);
            }
        }
    }

    /** Outside enter/exit: a synchronous form's wait on its internal completion callback ([Q24]). */
    private void awaitSignal(LogicalThread t, QueueImpl q, java.util.function.BooleanSupplier done, String call) {
        k.enter(t, EventType.QUEUE_IDLE, q.id);
        try {
            awaitRequests(t, q, done, call);
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: waits for a queue's requests, reported as {@code RequestPendingAtPurge} if it never ends. */
    void awaitRequests(LogicalThread t, QueueImpl q, java.util.function.BooleanSupplier done, String what) {
        if (done.getAsBoolean()) {
            return;
        }
        PendingWait w = new PendingWait(t, q, what);
        waits.add(w);
        try {
            Wait wait = Wait.of(done, () -> what + " of " + q.describe() + " waiting for " + pendingText(q));
            if (!k.await(t, wait, k.now() + HANG_NANOS)) {
                w.reported = true;
                String message = pendingMessage(w) + "; wdfrr ends the run after a virtual second";
                k.violation(t, Rule.REQUEST_PENDING_AT_PURGE, q.id, message);
                k.stopRun(dev.wdfrr.runtime.FailureKind.DEADLOCK, "hang: " + message);
                k.await(t, wait, -1); // it stays blocked; the run ends at the next scheduling point
            }
        } finally {
            waits.remove(w);
        }
    }

    static String pendingText(QueueImpl q) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (RequestImpl r : q.owned) {
            if (n++ < 3) {
                sb.append(n > 1 ? ", " : "").append(r.describe()).append(" (").append(r.stateText()).append(')');
            }
        }
        if (n > 3) {
            sb.append(" and ").append(n - 3).append(" more");
        }
        return n == 0 ? q.waiting.size() + " waiting requests" : sb.toString();
    }

    private static String pendingMessage(PendingWait w) {
        return w.what + " of " + w.queue.describe() + " on " + w.thread.name + " waits for " + pendingText(w.queue)
                + ", which no thread will complete or acknowledge (a hang: with the verifier, a break every 60 s)";
    }

    /** On a deadlock: each wait for requests that no thread will complete or acknowledge ([Q24][P11]). */
    private void reportPending(LogicalThread t) {
        for (PendingWait w : new ArrayList<>(waits)) {
            if (!w.reported) {
                k.violation(t, Rule.REQUEST_PENDING_AT_PURGE, w.queue.id, pendingMessage(w));
            }
        }
        for (QueueImpl q : queues) {
            if (q.dead && !q.destroyed && !q.quiet() && waits.stream().noneMatch(w -> w.queue == q)) {
                k.violation(t, Rule.REQUEST_PENDING_AT_PURGE, q.id, "the deletion of " + q.describe() + " waits for "
                        + pendingText(q) + ", which no thread will complete or acknowledge (FxIoQueue::Dispose hangs)");
            }
        }
    }

    // ------------------------------------------------------------------ retrieve, find, ready notify ([Q13]-[Q16])

    /** {@code WdfIoQueueRetrieveNextRequest} / {@code RetrieveFoundRequest} → {@code FxIoQueue::GetRequest}. */
    Retrieved retrieve(QueueImpl q, WdfRequest found, boolean byTag) {
        String call = byTag ? "WdfIoQueueRetrieveFoundRequest" : "WdfIoQueueRetrieveNextRequest";
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        Retrieved result;
        k.enter(t, EventType.REQUEST_DISPATCH, q.id);
        try {
            long mark = k.eventCount();
            result = retrieveLocked(t, q, found, byTag, call, p, mark);
        } finally {
            k.exit(t);
        }
        loop.runPending(t, p);
        return result;
    }

    private Retrieved retrieveLocked(LogicalThread t, QueueImpl q, WdfRequest found, boolean byTag, String call,
                                     QueueLoop.Pending p, long mark) {
        if (!irql.ok(t, Irql.DISPATCH, q, call)) {
            return new Retrieved(NtStatus.INVALID_DEVICE_STATE.code(), null);
        }
        if (q.type() == DispatchType.PARALLEL) {
            return new Retrieved(NtStatus.INVALID_DEVICE_STATE.code(), null);
        }
        if (q.type() == DispatchType.SEQUENTIAL && q.owned.isEmpty()) {
            // FxIoQueue::VerifyGetRequestUpdateFlags: a race with the automatic dispatch
            k.violation(t, Rule.RETRIEVE_WITHOUT_OWNED, q.id, call + " on the sequential " + q.describe()
                    + " while the driver owns none of its requests (it races the automatic dispatch; it proceeds)");
        }
        RequestImpl tag = null;
        if (byTag) {
            if (!(found instanceof RequestImpl f)) {
                throw new IllegalArgumentException(call + ": " + found + " is not a request of this runtime");
            }
            tag = f;
            if (tag.completed() && tag.references == 0) {
                requests.useAfterComplete(t, tag, call);
                return new Retrieved(NtStatus.NOT_FOUND.code(), null);
            }
        }
        if (q.power != QueueImpl.Power.ON || !q.dispatchBit) {
            return new Retrieved(NtStatus.WDF_PAUSED.code(), null);
        }
        for (;;) {
            RequestImpl r = tag != null ? (q.waiting.contains(tag) ? tag : null) : q.waiting.peek();
            if (r == null) {
                if (tag != null) {
                    return new Retrieved(NtStatus.NOT_FOUND.code(), null);
                }
                if (q.requestCount() > 0 && !q.forceTransitionFromEmpty) {
                    // [Q14] a cancel is removing the last one: the next arrival notifies
                    q.forceTransitionFromEmpty = true;
                    k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 5);
                }
                return new Retrieved(NtStatus.NO_MORE_ENTRIES.code(), null);
            }
            q.waiting.remove(r);
            r.where = RequestImpl.Where.OWNED;
            q.owned.add(r);
            if ((r.type == RequestType.READ || r.type == RequestType.WRITE) && r.length == 0
                    && !q.config.allowZeroLengthRequests()) {
                requests.completeLocked(t, r, NtStatus.SUCCESS.code(), 0, p, mark); // [Q7] skipped
                if (tag != null) {
                    return new Retrieved(NtStatus.NOT_FOUND.code(), null);
                }
                continue;
            }
            r.presented = true;
            k.emit(t, EventType.REQUEST_DISPATCH, r.id, q.id, dev.wdfrr.runtime.event.CallbackKind.RETRIEVED.id());
            return new Retrieved(NtStatus.SUCCESS.code(), r);
        }
    }

    /** {@code WdfIoQueueFindRequest} → {@code FxIoQueue::PeekRequest} ([Q15]). */
    Retrieved find(QueueImpl q, WdfRequest tag) {
        LogicalThread t = k.current();
        k.enter(t, EventType.REQUEST_DISPATCH, q.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, q, "WdfIoQueueFindRequest")) {
                return new Retrieved(NtStatus.INVALID_DEVICE_STATE.code(), null);
            }
            if (q.type() != DispatchType.MANUAL) {
                return new Retrieved(NtStatus.INVALID_DEVICE_REQUEST.code(), null);
            }
            RequestImpl next;
            if (tag == null) {
                next = q.waiting.peek();
            } else {
                if (!(tag instanceof RequestImpl r) || !q.waiting.contains(r)) {
                    return new Retrieved(NtStatus.NOT_FOUND.code(), null);
                }
                RequestImpl prev = null;
                next = null;
                for (RequestImpl w : q.waiting) {
                    if (prev == r) {
                        next = w;
                        break;
                    }
                    prev = w;
                }
            }
            if (next == null) {
                return new Retrieved(NtStatus.NO_MORE_ENTRIES.code(), null);
            }
            next.references++; // the driver releases it with WdfObjectDereference
            return new Retrieved(NtStatus.SUCCESS.code(), next);
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfIoQueueReadyNotify} → {@code FxIoQueue::ReadyNotify} ([Q16]). */
    long readyNotify(QueueImpl q, QueueStateCallback callback) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        long status;
        k.enter(t, EventType.QUEUE_READY_NOTIFY, q.id);
        try {
            long mark = k.eventCount();
            if (!irql.ok(t, Irql.DISPATCH, q, "WdfIoQueueReadyNotify")) {
                return NtStatus.INVALID_DEVICE_STATE.code();
            }
            if (q.type() != DispatchType.MANUAL) {
                return NtStatus.INVALID_DEVICE_REQUEST.code(); // only for a manual queue (a verifier break)
            }
            if (q.deleted) {
                return NtStatus.DELETE_PENDING.code();
            }
            if (callback != null ? q.readyNotify != null : q.readyNotify == null || q.dispatchBit) {
                // one registration per queue; clearing needs one, and the queue stopped first (a verifier break)
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            q.readyNotify = callback;
            k.emit(t, EventType.QUEUE_READY_NOTIFY, q.id, 0, callback != null ? 1 : 0);
            p.add(q, loop.dispatchEvents(t, q, mark)); // "there may already be an event"
            status = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        loop.runPending(t, p);
        return status;
    }

    /** {@code WdfIoQueueGetState}. */
    QueueState state(QueueImpl q) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, q.id);
        try {
            return new QueueState(q.accepting, q.dispatchBit, q.power != QueueImpl.Power.ON, q.requestCount(), q.owned.size());
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ deletion

    /**
     * Inside enter/exit: deletion reached the queue ({@code FxIoQueue::Dispose}): it accepts no more,
     * and its loop, run by its deferred runner, cancels what still waits; the deletion waits
     * until nothing is waiting, owned or running ({@link QueueImpl#quiet()}).
     */
    void rundown(QueueImpl q) {
        q.accepting = false;
        q.shutdown = true;
        if (!q.waiting.isEmpty() && q.dispatching == 0) {
            LogicalThread t = k.current();
            loop.postDeferredForRundown(t, q);
        }
    }

    /** The disposal finished: stop, purge or drain on it are fatal now. */
    void destroyed(QueueImpl q) {
        q.deleted = true;
        queues.remove(q);
    }

    /** The power-managed (or the other) queues of a device, in creation order. */
    List<QueueImpl> queuesOf(DeviceImpl d, boolean powerManaged) {
        List<QueueImpl> out = new ArrayList<>();
        for (QueueImpl q : d.queues) {
            if (q.powerManaged == powerManaged && !q.destroyed) {
                out.add(q);
            }
        }
        return out;
    }
}
