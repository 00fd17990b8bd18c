package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.QueueStateCallback;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.Retrieved;
import dev.wdfrr.runtime.wdf.WdfRequest;

/**
 * The driver takes requests from a queue itself (io-queues-and-requests.md [Q13]-[Q16]):
 * {@code WdfIoQueueRetrieveNextRequest}, {@code RetrieveFoundRequest}, {@code FindRequest} and
 * {@code ReadyNotify}, as {@code FxIoQueue::GetRequest}, {@code PeekRequest} and
 * {@code ReadyNotify} run them; mostly on manual queues, retrieve also on sequential ones.
 */
final class ManualQueues {
    private final Kernel k;
    private final IrqlRules irql;
    private final Requests requests;
    private final RequestChecks checks;
    private final QueueLoop loop;

    ManualQueues(Kernel k, IrqlRules irql, Requests requests, QueueLoop loop) {
        this.k = k;
        this.irql = irql;
        this.requests = requests;
        this.checks = requests.checks();
        this.loop = loop;
    }

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
                checks.useAfterComplete(t, tag, call);
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
            k.emit(t, EventType.REQUEST_DISPATCH, r.id, q.id, CallbackKind.RETRIEVED.id());
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
}
