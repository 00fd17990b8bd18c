package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.RequestType;

import java.util.ArrayList;

/**
 * Requests ({@code FxRequest}, io-queues-and-requests.md [R1]-[R6]): create, complete, the
 * framework's status mapping, and the leak check at the run's end. Its parts: the cancelable set
 * and cancellation ({@link RequestCancels}), forward, requeue and stop-acknowledge
 * ({@link RequestMoves}), the framework's checks on each call ({@link RequestChecks}). What a
 * request's queue must do when the driver lets go of one, or when a cancel reaches it, the
 * queue's side does through {@link RequestHome}.
 */
final class Requests {
    /** The queue side, implemented by {@link QueueLoop}; every method is called inside enter/exit. */
    interface RequestHome {
        /** {@code RequestCompletedCallback}: the driver no longer owns {@code r}; the queue may deliver its next. */
        void leftDriver(LogicalThread t, QueueImpl q, QueueLoop.Pending p, long mark);

        /** {@code CancelForDriver}: {@code r}'s cancel routine is scheduled on its queue's loop. */
        void cancelForDriver(LogicalThread t, QueueImpl q, RequestImpl r, QueueLoop.Pending p, long mark);

        /** {@code CancelForQueue}: a waiting request was cancelled; completed or given to EvtIoCanceledOnQueue. */
        void cancelForQueue(LogicalThread t, QueueImpl q, RequestImpl r, QueueLoop.Pending p, long mark);

        /** {@code QueueRequestFromForward}: {@code r} joins the tail of {@code dest}. */
        void queueRequest(LogicalThread t, QueueImpl dest, RequestImpl r, QueueLoop.Pending p, long mark);

        /** {@code Requeue}: back at the head of its queue. */
        void requeue(LogicalThread t, QueueImpl q, RequestImpl r, QueueLoop.Pending p, long mark);

        /** Runs the loops a call left pending, outside enter/exit. */
        void runPending(LogicalThread t, QueueLoop.Pending p);
    }

    private final Kernel k;
    private final Lifetime lifetime;
    private final RequestChecks checks;
    private final RequestCancels cancels;
    private final RequestMoves moves;
    private RequestHome home;
    /** Requests not completed yet: the leak check's list. */
    private final ArrayList<RequestImpl> live = new ArrayList<>();

    Requests(Kernel k, IrqlRules irql, Lifetime lifetime) {
        this.k = k;
        this.lifetime = lifetime;
        this.checks = new RequestChecks(k, irql);
        this.cancels = new RequestCancels(k, checks, this);
        this.moves = new RequestMoves(k, checks, this);
        k.onShutdown(this::leakCheck);
    }

    void useHome(RequestHome queueSide) {
        this.home = queueSide;
    }

    RequestHome home() {
        return home;
    }

    RequestChecks checks() {
        return checks;
    }

    RequestCancels cancels() {
        return cancels;
    }

    RequestMoves moves() {
        return moves;
    }

    // ------------------------------------------------------------------ create

    /** Inside enter/exit: the framework's new request for an arriving I/O; traced by the caller with its queue. */
    RequestImpl create(LogicalThread t, DeviceImpl device, RequesterImpl requester, RequestType type, long length,
                       long inputLength, int code) {
        int id = k.newObjectId();
        RequestImpl r = new RequestImpl(this, lifetime, id, "request-" + id, device, type, length, inputLength, code,
                requester, Contexts.instantiate(device.requestContextType()), k.now(), device.requestCleanup());
        k.nameObject(t, id, r.name);
        live.add(r);
        if (requester != null) {
            requester.outstanding.add(r);
            requester.sent++;
        }
        return r;
    }

    // ------------------------------------------------------------------ complete ([R1]-[R6])

    /** {@code WdfRequestComplete(WithInformation)}. */
    void complete(RequestImpl r, long status, long information, boolean withInformation) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        k.enter(t, EventType.REQUEST_COMPLETE, r.id);
        try {
            long mark = k.eventCount();
            long info = withInformation ? information : r.information;
            if (!checks.completable(t, r, status, info)) {
                return;
            }
            completeLocked(t, r, status, info, p, mark);
        } finally {
            k.exit(t);
        }
        home.runPending(t, p);
    }

    /**
     * Inside enter/exit: the completion proper ({@code FxRequest::CompleteInternal}): the
     * framework's statuses mapped, off every list, traced, and the queue told. The request's
     * cleanup callback, when it has one, runs from {@code p} after exit ([R1]).
     */
    void completeLocked(LogicalThread t, RequestImpl r, long status, long info, QueueLoop.Pending p, long mark) {
        long mapped = mapStatus(status);
        QueueImpl q = r.queue;
        boolean wasOwned = r.where == RequestImpl.Where.OWNED;
        if (q != null) {
            q.owned.remove(r);
            q.waiting.remove(r); // a scheduled cancel routine stays scheduled: it will meet a completed request ([R17])
        }
        r.where = RequestImpl.Where.COMPLETED;
        r.inCancelSet = false;
        r.information = info;
        r.status = mapped;
        if (r.requester != null) {
            r.requester.outstanding.remove(r);
        }
        live.remove(r);
        k.emit(t, EventType.REQUEST_COMPLETE, r.id, q == null ? 0 : q.id,
                (mapped & 0xFFFFFFFFL) | Math.min(info, Integer.MAX_VALUE) << 32);
        if (r.cleanup != null) {
            p.dispose(r);
        } else {
            r.destroyed = true;
        }
        if (wasOwned && q != null) {
            home.leftDriver(t, q, p, mark);
        }
    }

    /** [R2] {@code FxRequest::CompleteInternal}: framework-only statuses never reach the requester. */
    private static long mapStatus(long status) {
        long s = status & 0xFFFFFFFFL;
        if (s == NtStatus.WDF_PAUSED.code() || s == NtStatus.WDF_BUSY.code()) {
            return NtStatus.DEVICE_BUSY.code();
        }
        if ((s & 0xFFFF0000L) == 0xC0200000L) {
            return NtStatus.INVALID_DEVICE_REQUEST.code();
        }
        return s;
    }

    /** {@code WdfRequestSetInformation}. */
    void setInformation(RequestImpl r, long information) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, r.id);
        try {
            if (r.completed()) {
                checks.useAfterComplete(t, r, "WdfRequestSetInformation");
                return;
            }
            r.information = information;
        } finally {
            k.exit(t);
        }
    }

    void reference(RequestImpl r, int delta) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, r.id);
        try {
            r.references += delta;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ the leak check

    /** Inside enter/exit: the run ends with requests neither completed nor cancelled. */
    private void leakCheck(LogicalThread t) {
        for (RequestImpl r : new ArrayList<>(live)) {
            k.violation(t, Rule.LEAKED_REQUEST, r.id, r.describe() + " (" + r.type.label() + ") was never completed ("
                    + r.stateText() + "): the I/O never returns to its requester");
        }
    }

    /** Requests not completed yet, oldest first. */
    ArrayList<RequestImpl> live() {
        return live;
    }
}
