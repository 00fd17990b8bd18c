package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.WdfQueue;

/**
 * A driver-owned request handed back to the framework without completing it
 * (io-queues-and-requests.md [R13], [R14], [Q20], [Q30]): forwarded to another queue, requeued at
 * the head of its manual queue, or acknowledged from EvtIoStop, with the framework's refusals.
 */
final class RequestMoves {
    private final Kernel k;
    private final RequestChecks checks;
    private final Requests requests;

    RequestMoves(Kernel k, RequestChecks checks, Requests requests) {
        this.k = k;
        this.checks = checks;
        this.requests = requests;
    }

    /** {@code WdfRequestForwardToIoQueue} → {@code FxIoQueue::ForwardRequest} ([R13]). */
    long forward(RequestImpl r, WdfQueue destination) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        long status;
        k.enter(t, EventType.REQUEST_FORWARD, r.id);
        try {
            long mark = k.eventCount();
            if (!checks.driverOwned(t, r, "WdfRequestForwardToIoQueue")) {
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
            requests.home().leftDriver(t, source, p, mark);
            requests.home().queueRequest(t, dest, r, p, mark);
            status = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        requests.home().runPending(t, p);
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
            if (!checks.driverOwned(t, r, "WdfRequestRequeue")) {
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
                requests.completeLocked(t, r, NtStatus.CANCELLED.code(), 0, p, mark);
            } else {
                q.owned.remove(r);
                k.emit(t, EventType.REQUEST_REQUEUE, r.id, q.id, 1);
                requests.home().requeue(t, q, r, p, mark);
            }
            status = NtStatus.SUCCESS.code();
        } finally {
            k.exit(t);
        }
        requests.home().runPending(t, p);
        return status;
    }

    /** {@code WdfRequestStopAcknowledge} → {@code FxRequest::StopAcknowledge} ([Q30]). */
    void stopAcknowledge(RequestImpl r, boolean requeue) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        k.enter(t, EventType.REQUEST_STOP_ACK, r.id);
        try {
            long mark = k.eventCount();
            if (!checks.notCompleted(t, r, "WdfRequestStopAcknowledge")) {
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
                requests.completeLocked(t, r, NtStatus.CANCELLED.code(), 0, p, mark);
            } else {
                q.owned.remove(r);
                requests.home().requeue(t, q, r, p, mark); // back at the head, delivered again after power-up, no EvtIoResume
            }
        } finally {
            k.exit(t);
        }
        requests.home().runPending(t, p);
    }
}
