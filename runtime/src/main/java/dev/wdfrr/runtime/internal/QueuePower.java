package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.StopAction;

import java.util.ArrayList;
import java.util.List;

/**
 * The queue side of a device's power transitions ({@code FxPkgIo::StopProcessingForPower},
 * {@code ResumeProcessingForPower}, {@code FxIoQueue::StartPowerTransitionOff/On},
 * {@code ProcessPowerEvents}, {@code ProcessAcknowledgedRequests}; io-queues-and-requests.md
 * [Q27]-[Q33]), run on the device's PnP thread, outside enter/exit.
 */
final class QueuePower {
    private final Kernel k;
    private final IoQueues queues;
    private final QueueLoop loop;

    QueuePower(Kernel k, IoQueues queues) {
        this.k = k;
        this.queues = queues;
        this.loop = queues.loop();
    }

    /**
     * [Q27]-[Q30] {@code StopProcessingForPower(Hold)}: the power-managed queues close to
     * deliveries, the PnP thread waits for the threads in their loops, then queue by queue gives
     * each driver-owned request EvtIoStop(Suspend) and waits until each is acknowledged or
     * completed; waiting requests stay queued, new ones are still accepted.
     */
    void powerDown(LogicalThread t, DeviceImpl d) {
        List<QueueImpl> managed = queues.queuesOf(d, true);
        if (managed.isEmpty()) {
            return;
        }
        k.enter(t, EventType.QUEUE_STOP, d.id);
        try {
            for (QueueImpl q : managed) {
                q.power = QueueImpl.Power.STOPPING; // StartPowerTransitionOff
                k.emit(t, EventType.QUEUE_STOP, q.id, 0, 4);
            }
            k.await(t, Wait.of(() -> noneDispatching(managed), () -> "the threads in the dispatch loops of "
                    + d.describe() + "'s power-managed queues"), -1);
        } finally {
            k.exit(t);
        }
        for (QueueImpl q : managed) {
            notifyStop(t, q, false);
            k.enter(t, EventType.QUEUE_IDLE, q.id);
            try {
                queues.waits().awaitRequests(t, q, () -> allAcknowledged(q), "the power-down");
                q.power = QueueImpl.Power.OFF;
                k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 4);
            } finally {
                k.exit(t);
            }
        }
    }

    /**
     * [Q31] {@code ResumeProcessingForPower}: every power-managed queue is restored first, with
     * EvtIoResume for each request acknowledged without requeue; only then, queue by queue, the
     * waiting requests are delivered.
     */
    void powerUp(LogicalThread t, DeviceImpl d) {
        List<QueueImpl> managed = queues.queuesOf(d, true);
        for (QueueImpl q : managed) {
            List<RequestImpl> resumed;
            k.enter(t, EventType.QUEUE_START, q.id);
            try {
                q.power = QueueImpl.Power.RESTARTING; // StartPowerTransitionOn
                k.emit(t, EventType.QUEUE_START, q.id, 0, 2);
                resumed = new ArrayList<>();
                for (RequestImpl r : q.owned) {
                    if (r.stopAcked && q.config.onResume() == null) {
                        r.stopAcked = false;
                    } else if (r.stopAcked) {
                        resumed.add(r);
                    }
                }
            } finally {
                k.exit(t);
            }
            for (RequestImpl r : resumed) {
                QueueSteps.Step s;
                k.enter(t, EventType.EVT_CALLBACK_START, r.id);
                try {
                    if (!r.stopAcked || r.completed()) {
                        continue;
                    }
                    r.stopAcked = false; // ProcessAcknowledgedRequests
                    s = loop.steps().callback(q, r, CallbackKind.EVT_IO_RESUME, 0, () -> {
                        q.config.onResume().onResume(q, r);
                        return true;
                    });
                    s.begin(t);
                } finally {
                    k.exit(t);
                }
                loop.runAlone(t, s);
            }
        }
        for (QueueImpl q : managed) {
            QueueLoop.Pending p = new QueueLoop.Pending();
            k.enter(t, EventType.QUEUE_START, q.id);
            try {
                long mark = k.eventCount();
                q.power = QueueImpl.Power.ON;
                if (q.requestCount() > 0) {
                    q.transitionFromEmpty = true;
                    q.forceTransitionFromEmpty = false;
                }
                p.add(q, loop.dispatchEvents(t, q, mark));
            } finally {
                k.exit(t);
            }
            loop.runPending(t, p);
        }
    }

    /**
     * [Q33] {@code StopProcessingForPower(PurgeManaged / PurgeNonManaged)}: each queue is shut
     * down and purged (waiting requests cancelled, cancelable ones' routines scheduled); every
     * other driver-owned request gets EvtIoStop(Purge); the PnP thread waits until each is
     * acknowledged or completed.
     */
    void purgeForRemoval(LogicalThread t, DeviceImpl d, boolean powerManaged) {
        for (QueueImpl q : queues.queuesOf(d, powerManaged)) {
            QueueLoop.Pending p = new QueueLoop.Pending();
            k.enter(t, EventType.QUEUE_PURGE, q.id);
            try {
                long mark = k.eventCount();
                q.shutdown = true; // SetStateForShutdown
                q.accepting = false;
                q.cancelDispatchedRequests = true;
                k.emit(t, EventType.QUEUE_PURGE, q.id, 0, 4);
                queues.states().cancelAll(t, q, CancelReason.PURGE, p, mark);
                p.add(q, loop.dispatchEvents(t, q, mark));
            } finally {
                k.exit(t);
            }
            loop.runPending(t, p);
            notifyStop(t, q, true);
            k.enter(t, EventType.QUEUE_IDLE, q.id);
            try {
                queues.waits().awaitRequests(t, q, () -> allAcknowledged(q), "the removal's purge");
                k.emit(t, EventType.QUEUE_IDLE, q.id, 0, 2);
            } finally {
                k.exit(t);
            }
        }
    }

    /**
     * EvtIoStop for each request the driver owns and that no cancel reached, on this thread in
     * the queue's loop; cancel routines wait until the notifications are over ([Q29]), then run.
     */
    private void notifyStop(LogicalThread t, QueueImpl q, boolean purge) {
        if (q.config.onStop() == null) {
            return; // [Q28] the framework just waits for the completions
        }
        List<RequestImpl> snapshot = null;
        boolean inLoop = false;
        for (int i = 0; snapshot == null || i < snapshot.size(); i++) {
            QueueSteps.Step s;
            k.enter(t, EventType.EVT_CALLBACK_START, q.id);
            try {
                if (snapshot == null) {
                    snapshot = new ArrayList<>();
                    for (RequestImpl r : q.owned) {
                        // a purge notifies again the requests a suspend left acknowledged ([Q33])
                        if (!r.cancelled && !r.cancelRoutineOwns && (purge || !r.stopAcked)) {
                            snapshot.add(r);
                        }
                    }
                    if (snapshot.isEmpty()) {
                        return;
                    }
                }
                RequestImpl r = snapshot.get(i);
                if (r.completed() || r.queue != q || r.where != RequestImpl.Where.OWNED || r.cancelled) {
                    continue;
                }
                if (!inLoop) {
                    inLoop = true; // ProcessPowerEvents runs in the loop: other threads leave the events to it
                    q.dispatching++;
                    q.powerNotifying = true;
                }
                r.inEvtIoStop = true;
                r.stopAcked = false;
                StopAction action = new StopAction(purge, r.inCancelSet);
                s = loop.steps().callback(q, r, CallbackKind.EVT_IO_STOP, action.flags(), () -> {
                    q.config.onStop().onStop(q, r, action);
                    return true;
                });
                s.begin(t);
            } finally {
                k.exit(t);
            }
            loop.runAlone(t, s);
        }
        if (!inLoop) {
            return;
        }
        QueueSteps.Step first;
        k.enter(t, EventType.QUEUE_IDLE, q.id);
        try {
            long mark = k.eventCount();
            q.powerNotifying = false;
            first = loop.next(t, q, mark); // the cancellations held meanwhile
        } finally {
            k.exit(t);
        }
        loop.run(t, q, first);
    }

    private static boolean noneDispatching(List<QueueImpl> qs) {
        for (QueueImpl q : qs) {
            if (q.dispatching > 0) {
                return false;
            }
        }
        return true;
    }

    /** Every request the driver still owns was acknowledged without requeue ([Q27]); none is in EvtIoStop. */
    private static boolean allAcknowledged(QueueImpl q) {
        for (RequestImpl r : q.owned) {
            if (!r.stopAcked) {
                return false;
            }
        }
        return true;
    }
}
