package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.QueueStateCallback;

import java.util.ArrayList;
import java.util.function.BooleanSupplier;

/**
 * A queue's state changes by the driver (io-queues-and-requests.md [Q17]-[Q26]): start, stop,
 * stop-and-purge, drain and purge, with their completion callbacks or their synchronous forms'
 * waits, the purge's cancellations, and the fatal errors the framework raises on a disposed
 * queue ({@code FxIoQueue::QueueStart}, {@code QueueIdle}, {@code QueuePurge}, {@code FatalError}).
 * The completion points themselves are reached in the dispatch loop ({@link QueueLoop}).
 */
final class QueueStates {
    private final Kernel k;
    private final IrqlRules irql;
    private final RequestCancels cancels;
    private final QueueLoop loop;
    private final QueueWaits waits;

    QueueStates(Kernel k, IrqlRules irql, RequestCancels cancels, QueueLoop loop, QueueWaits waits) {
        this.k = k;
        this.irql = irql;
        this.cancels = cancels;
        this.loop = loop;
        this.waits = waits;
    }

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
            cancels.cancel(t, r, reason, p, mark);
            cancels.cancelForQueue(t, r, p, mark);
        }
        for (RequestImpl r : new ArrayList<>(q.owned)) {
            if (r.inCancelSet) {
                cancels.cancel(t, r, reason, p, mark);
            }
        }
    }

    /** Outside enter/exit: a synchronous form's wait on its internal completion callback ([Q24]). */
    private void awaitSignal(LogicalThread t, QueueImpl q, BooleanSupplier done, String call) {
        k.enter(t, EventType.QUEUE_IDLE, q.id);
        try {
            waits.awaitRequests(t, q, done, call);
        } finally {
            k.exit(t);
        }
    }
}
