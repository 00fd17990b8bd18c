package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.EvtRequestCancel;

/**
 * A request's cancellation (io-queues-and-requests.md [R7]-[R12]): the driver's cancelable set
 * ({@code WdfRequestMarkCancelable(Ex)}, {@code WdfRequestUnmarkCancelable},
 * {@code WdfRequestIsCanceled}) and a cancel from the requester as the cancel-safe queue runs it
 * ({@code IoCancelIrp}, {@code FxIoQueue::_IrpCancelForDriver}/{@code _IrpCancelForQueue}).
 * Who owns the request when a cancel and a completion race is decided here.
 */
final class RequestCancels {
    private final Kernel k;
    private final RequestChecks checks;
    private final Requests requests;

    RequestCancels(Kernel k, RequestChecks checks, Requests requests) {
        this.k = k;
        this.checks = checks;
        this.requests = requests;
    }

    // ------------------------------------------------------------------ the cancelable set ([R8]-[R12])

    /** {@code WdfRequestMarkCancelable(Ex)} → {@code FxIoQueue::RequestCancelable}. */
    long markCancelable(RequestImpl r, EvtRequestCancel routine, boolean ex) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        long result;
        k.enter(t, EventType.REQUEST_MARK_CANCELABLE, r.id);
        try {
            long mark = k.eventCount();
            String call = ex ? "WdfRequestMarkCancelableEx" : "WdfRequestMarkCancelable";
            if (!checks.driverOwned(t, r, call)) {
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
                requests.home().cancelForDriver(t, r.queue, r, p, mark);
            } else {
                r.inCancelSet = true;
                k.emit(t, EventType.REQUEST_MARK_CANCELABLE, r.id, r.queue.id, 1);
            }
            result = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        requests.home().runPending(t, p);
        return result;
    }

    /** {@code WdfRequestUnmarkCancelable} → {@code FxRequest::RemoveFromIrpQueue}. */
    long unmarkCancelable(RequestImpl r) {
        LogicalThread t = k.current();
        k.enter(t, EventType.REQUEST_UNMARK_CANCELABLE, r.id);
        try {
            if (!checks.driverOwned(t, r, "WdfRequestUnmarkCancelable")) {
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

    /** {@code WdfRequestIsCanceled}. */
    boolean isCanceled(RequestImpl r) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, r.id);
        try {
            if (r.completed()) {
                checks.useAfterComplete(t, r, "WdfRequestIsCanceled");
                return false;
            }
            return r.cancelled;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ cancellation from the requester ([R7])

    /**
     * Inside enter/exit: {@code IoCancelIrp} on {@code r}: the first half, as the cancel-safe queue
     * runs it before it takes the queue's lock. A waiting request leaves the list now and still
     * counts until the queue's half ({@link #cancelForQueue}) runs in a step of its own ([Q14]).
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
                requests.home().cancelForDriver(t, r.queue, r, p, mark);
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
        requests.home().cancelForQueue(t, r.queue, r, p, mark);
    }
}
