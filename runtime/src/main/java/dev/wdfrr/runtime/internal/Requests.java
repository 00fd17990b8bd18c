package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.EvtRequestCancel;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.WdfQueue;

import java.util.ArrayList;

/**
 * Requests ({@code FxRequest}, io-queues-and-requests.md [R1]-[R17]): create, complete, the
 * cancelable set, cancellation from the requester, forward, requeue, stop-acknowledge, and the
 * framework's own checks on each call. What a request's queue must do when the driver lets go
 * of one, or when a cancel reaches it, the queue's side does through {@link RequestHome}.
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
    private final IrqlRules irql;
    private final Lifetime lifetime;
    private RequestHome home;
    /** Requests not completed yet: the leak check's list. */
    private final ArrayList<RequestImpl> live = new ArrayList<>();

    Requests(Kernel k, IrqlRules irql, Lifetime lifetime) {
        this.k = k;
        this.irql = irql;
        this.lifetime = lifetime;
        k.onShutdown(this::leakCheck);
    }

    void useHome(RequestHome queueSide) {
        this.home = queueSide;
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
            if (!irql.ok(t, Irql.DISPATCH, r, "WdfRequestComplete")) {
                return;
            }
            if (r.completed()) {
                // FxRequest::VerifyRequestIsDriverOwned on a completed request (or memory reused)
                k.violation(t, Rule.REQUEST_COMPLETED_TWICE, r.id, "WdfRequestComplete of " + r.describe()
                        + " on " + t.name + ": it was already completed (" + NtStatus.describe(r.status)
                        + "); the verifier refuses it, without the verifier it is a use of freed memory");
                return;
            }
            if (r.where != RequestImpl.Where.OWNED) {
                notOwned(t, r, "WdfRequestComplete");
                return;
            }
            if (r.cancelable && !r.cancelRoutineStarted) {
                // FxRequest::VerifyCompleteInternal: "Completing Cancelable WDFREQUEST"
                k.violation(t, Rule.COMPLETE_CANCELABLE, r.id, "WdfRequestComplete of " + r.describe() + " on " + t.name
                        + " while it is still marked cancelable: call WdfRequestUnmarkCancelable before WdfRequestComplete"
                        + " (the completion proceeds)");
            }
            long info = withInformation ? information : r.information;
            if (NtStatus.isSuccess(status) && info > r.length && (r.type == RequestType.READ || r.type == RequestType.WRITE)) {
                // FxRequest::VerifyCompleteInternal: WDF_REQUEST_FATAL_ERROR / INFORMATION_LENGTH_MISMATCH
                k.violation(t, Rule.INFORMATION_LENGTH_MISMATCH, r.id, "WdfRequestCompleteWithInformation of "
                        + r.describe() + ": information " + info + " exceeds its " + r.type.label() + " length " + r.length);
                throw new BugCheckException("bug check 0x10D WDF_VIOLATION (0x6 WDF_REQUEST_FATAL_ERROR, 0x4 "
                        + "INFORMATION_LENGTH_MISMATCH): " + r.describe() + " completed with information " + info
                        + " > length " + r.length);
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


    void setInformation(RequestImpl r, long information) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, r.id);
        try {
            if (r.completed()) {
                useAfterComplete(t, r, "WdfRequestSetInformation");
                return;
            }
            r.information = information;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ cancelable ([R8]-[R12])

    /** {@code WdfRequestMarkCancelable(Ex)} → {@code FxIoQueue::RequestCancelable}. */
    long markCancelable(RequestImpl r, EvtRequestCancel routine, boolean ex) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        long result;
        k.enter(t, EventType.REQUEST_MARK_CANCELABLE, r.id);
        try {
            long mark = k.eventCount();
            String call = ex ? "WdfRequestMarkCancelableEx" : "WdfRequestMarkCancelable";
            if (!irql.ok(t, Irql.DISPATCH, r, call)) {
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.completed()) {
                useAfterComplete(t, r, call);
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.where != RequestImpl.Where.OWNED) {
                notOwned(t, r, call);
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.cancelable) {
                // FxIoQueue::VerifyRequestCancelable
                k.violation(t, Rule.MARK_CANCELABLE_TWICE, r.id, call + " of " + r.describe()
                        + ", which is already cancelable: nothing is done");
                k.emit(t, EventType.REQUEST_MARK_CANCELABLE, r.id, r.queue.id, 0);
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.queue.cancelDispatchedRequests) {
                r.cancelled = true; // [Q20] a purge is in effect: cancelled instead
            }
            if (r.cancelled && ex) {
                // [R10] Ex never calls the routine: the driver completes it itself
                k.emit(t, EventType.REQUEST_MARK_CANCELABLE, r.id, r.queue.id, 3);
                return NtStatus.CANCELLED.code();
            }
            r.cancelable = true;
            r.cancelRoutine = routine;
            if (r.cancelled) {
                // [R9] already cancelled: the routine is scheduled on the queue's loop (CancelForDriver)
                r.cancelRoutineOwns = true;
                k.emit(t, EventType.REQUEST_MARK_CANCELABLE, r.id, r.queue.id, 2);
                home.cancelForDriver(t, r.queue, r, p, mark);
            } else {
                r.inCancelSet = true;
                k.emit(t, EventType.REQUEST_MARK_CANCELABLE, r.id, r.queue.id, 1);
            }
            result = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        home.runPending(t, p);
        return result;
    }

    /** {@code WdfRequestUnmarkCancelable} → {@code FxRequest::RemoveFromIrpQueue}. */
    long unmarkCancelable(RequestImpl r) {
        LogicalThread t = k.current();
        k.enter(t, EventType.REQUEST_UNMARK_CANCELABLE, r.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, r, "WdfRequestUnmarkCancelable")) {
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.completed()) {
                useAfterComplete(t, r, "WdfRequestUnmarkCancelable");
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.where != RequestImpl.Where.OWNED) {
                notOwned(t, r, "WdfRequestUnmarkCancelable");
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (!r.cancelable) {
                // FxRequest::VerifyRequestIsCancelable (without the verifier: STATUS_CANCELLED, [R12])
                k.violation(t, Rule.UNMARK_NOT_CANCELABLE, r.id, "WdfRequestUnmarkCancelable of " + r.describe()
                        + ", which is not cancelable: STATUS_INVALID_DEVICE_REQUEST (without the verifier the framework "
                        + "returns STATUS_CANCELLED and the driver waits for a cancel routine that never comes)");
                k.emit(t, EventType.REQUEST_UNMARK_CANCELABLE, r.id, r.queue.id, 0);
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.inCancelSet) {
                r.inCancelSet = false;
                r.cancelable = false;
                r.cancelRoutine = null;
                k.emit(t, EventType.REQUEST_UNMARK_CANCELABLE, r.id, r.queue.id, 1);
                return NtStatus.SUCCESS.code();
            }
            // [R11] the cancel routine has run or will run: it owns the request
            k.emit(t, EventType.REQUEST_UNMARK_CANCELABLE, r.id, r.queue.id, 2);
            return NtStatus.CANCELLED.code();
        } finally {
            k.exit(t);
        }
    }

    boolean isCanceled(RequestImpl r) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, r.id);
        try {
            if (r.completed()) {
                useAfterComplete(t, r, "WdfRequestIsCanceled");
                return false;
            }
            return r.cancelled;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ cancellation from the requester ([R7])

    /**
     * {@code IoCancelIrp} on {@code r}: the first half, as the cancel-safe queue runs it before it
     * takes the queue's lock. A waiting request leaves the list now and still counts until the
     * queue's half ({@link #cancelForQueue}) runs in a step of its own ([Q14]).
     *
     * @return true when the request was waiting (call {@link #cancelForQueue} next)
     */
    boolean cancel(LogicalThread t, RequestImpl r, CancelReason reason, QueueLoop.Pending p, long mark) {
        CancelReason.StateAtCancel state = switch (r.where) {
            case COMPLETED -> CancelReason.StateAtCancel.COMPLETED;
            case WAITING -> CancelReason.StateAtCancel.WAITING;
            default -> r.inCancelSet ? CancelReason.StateAtCancel.CANCELABLE : CancelReason.StateAtCancel.NOT_CANCELABLE;
        };
        k.emit(t, EventType.REQUEST_CANCEL, r.id, r.requester == null ? 0 : r.requester.id, CancelReason.arg(reason, state));
        switch (state) {
            case COMPLETED -> {
                return false;
            }
            case WAITING -> {
                r.queue.waiting.remove(r);
                r.queue.cancelInFlight++;
                r.cancelled = true;
                return true;
            }
            case CANCELABLE -> {
                // FxIoQueue::_IrpCancelForDriver → CancelForDriver
                r.inCancelSet = false;
                r.cancelled = true;
                r.cancelRoutineOwns = true;
                home.cancelForDriver(t, r.queue, r, p, mark);
                return false;
            }
            default -> {
                r.cancelled = true; // seen by WdfRequestIsCanceled and a later mark-cancelable ([R9])
                return false;
            }
        }
    }

    /** Inside enter/exit: the queue's half of a waiting request's cancel ({@code _IrpCancelForQueue}). */
    void cancelForQueue(LogicalThread t, RequestImpl r, QueueLoop.Pending p, long mark) {
        r.queue.cancelInFlight--;
        home.cancelForQueue(t, r.queue, r, p, mark);
    }

    // ------------------------------------------------------------------ forward, requeue, stop-acknowledge

    /** {@code WdfRequestForwardToIoQueue} → {@code FxIoQueue::ForwardRequest} ([R13]). */
    long forward(RequestImpl r, WdfQueue destination) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        long status;
        k.enter(t, EventType.REQUEST_FORWARD, r.id);
        try {
            long mark = k.eventCount();
            if (!irql.ok(t, Irql.DISPATCH, r, "WdfRequestForwardToIoQueue")) {
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.completed()) {
                useAfterComplete(t, r, "WdfRequestForwardToIoQueue");
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.where != RequestImpl.Where.OWNED) {
                notOwned(t, r, "WdfRequestForwardToIoQueue");
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            QueueImpl source = r.queue;
            if (!(destination instanceof QueueImpl dest) || dest == source || dest.device != source.device) {
                // FxIoQueue::VerifyForwardRequest
                k.violation(t, Rule.FORWARD_INVALID_QUEUE, r.id, "WdfRequestForwardToIoQueue of " + r.describe()
                        + " to " + (destination == source ? "its own queue" : "a queue of another device")
                        + ": STATUS_INVALID_DEVICE_REQUEST");
                k.emit(t, EventType.REQUEST_FORWARD, r.id, destination instanceof QueueImpl d ? d.id : 0,
                        NtStatus.INVALID_DEVICE_REQUEST.code());
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.cancelable) {
                k.violation(t, Rule.FORWARD_CANCELABLE, r.id, "WdfRequestForwardToIoQueue of " + r.describe()
                        + ", which is still cancelable: refused");
                k.emit(t, EventType.REQUEST_FORWARD, r.id, dest.id, NtStatus.INVALID_DEVICE_REQUEST.code());
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (!dest.accepting) {
                // QueueRequestFromForward: the driver still owns it
                k.emit(t, EventType.REQUEST_FORWARD, r.id, dest.id, NtStatus.WDF_BUSY.code());
                return NtStatus.WDF_BUSY.code();
            }
            // ForwardRequestWorker: the source no longer counts it
            source.owned.remove(r);
            r.where = RequestImpl.Where.NONE;
            r.stopAcked = false;
            r.inEvtIoStop = false;
            k.emit(t, EventType.REQUEST_FORWARD, r.id, dest.id, 0);
            home.leftDriver(t, source, p, mark);
            home.queueRequest(t, dest, r, p, mark);
            status = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        home.runPending(t, p);
        return status;
    }

    /** {@code WdfRequestRequeue} → {@code FxIoQueue::Requeue} ([R14][Q20]). */
    long requeue(RequestImpl r) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        long status;
        k.enter(t, EventType.REQUEST_REQUEUE, r.id);
        try {
            long mark = k.eventCount();
            if (!irql.ok(t, Irql.DISPATCH, r, "WdfRequestRequeue")) {
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.completed()) {
                useAfterComplete(t, r, "WdfRequestRequeue");
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.where != RequestImpl.Where.OWNED) {
                notOwned(t, r, "WdfRequestRequeue");
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            QueueImpl q = r.queue;
            if (q.type() != DispatchType.MANUAL) {
                // FxIoQueue::Requeue: checked with or without the verifier
                k.violation(t, Rule.REQUEUE_NOT_MANUAL, r.id, "WdfRequestRequeue of " + r.describe() + " delivered by the "
                        + q.type().name().toLowerCase() + " " + q.describe() + ": only a manual queue's requests can be "
                        + "requeued (STATUS_INVALID_DEVICE_REQUEST)");
                k.emit(t, EventType.REQUEST_REQUEUE, r.id, q.id, 0);
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (r.cancelable) {
                k.violation(t, Rule.FORWARD_CANCELABLE, r.id, "WdfRequestRequeue of " + r.describe()
                        + ", which is still cancelable: refused");
                k.emit(t, EventType.REQUEST_REQUEUE, r.id, q.id, 0);
                return NtStatus.INVALID_DEVICE_REQUEST.code();
            }
            if (q.cancelDispatchedRequests) {
                // [Q20] a purge is in effect: cancelled instead, and success returned
                k.emit(t, EventType.REQUEST_REQUEUE, r.id, q.id, 2);
                completeLocked(t, r, NtStatus.CANCELLED.code(), 0, p, mark);
            } else {
                q.owned.remove(r);
                k.emit(t, EventType.REQUEST_REQUEUE, r.id, q.id, 1);
                home.requeue(t, q, r, p, mark);
            }
            status = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        home.runPending(t, p);
        return status;
    }

    /** {@code WdfRequestStopAcknowledge} → {@code FxRequest::StopAcknowledge} ([Q30]). */
    void stopAcknowledge(RequestImpl r, boolean requeue) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        k.enter(t, EventType.REQUEST_STOP_ACK, r.id);
        try {
            long mark = k.eventCount();
            if (!irql.ok(t, Irql.DISPATCH, r, "WdfRequestStopAcknowledge")) {
                return;
            }
            if (r.completed()) {
                useAfterComplete(t, r, "WdfRequestStopAcknowledge");
                return;
            }
            if (!r.inEvtIoStop) {
                // FxRequest::VerifyRequestIsInEvtIoStopContext
                k.violation(t, Rule.STOP_ACK_OUTSIDE_EVT_IO_STOP, r.id, "WdfRequestStopAcknowledge of " + r.describe()
                        + ", which was given no EvtIoStop: the acknowledgement is ignored");
                return;
            }
            if (requeue && r.cancelable) {
                k.violation(t, Rule.FORWARD_CANCELABLE, r.id, "WdfRequestStopAcknowledge(requeue) of " + r.describe()
                        + ", which is still cancelable: the acknowledgement is ignored");
                return;
            }
            QueueImpl q = r.queue;
            r.inEvtIoStop = false;
            k.emit(t, EventType.REQUEST_STOP_ACK, r.id, q.id, requeue ? 1 : 0);
            if (!requeue) {
                r.stopAcked = true; // still driver-owned: EvtIoResume at power-up
            } else if (q.cancelDispatchedRequests) {
                completeLocked(t, r, NtStatus.CANCELLED.code(), 0, p, mark);
            } else {
                q.owned.remove(r);
                home.requeue(t, q, r, p, mark); // back at the head, delivered again after power-up, no EvtIoResume
            }
        } finally {
            k.exit(t);
        }
        home.runPending(t, p);
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

    // ------------------------------------------------------------------ the checks

    private void notOwned(LogicalThread t, RequestImpl r, String call) {
        k.violation(t, Rule.REQUEST_NOT_OWNED, r.id, call + " of " + r.describe() + ", which is not owned by the driver ("
                + r.stateText() + "): refused");
    }

    /** Inside enter/exit: [R16] any call on a completed request. */
    void useAfterComplete(LogicalThread t, RequestImpl r, String call) {
        k.violation(t, Rule.USE_AFTER_COMPLETE, r.id, call + " of " + r.describe() + " on " + t.name
                + " after it was completed (" + NtStatus.describe(r.status) + "): its handle is freed unless referenced; refused");
    }

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
