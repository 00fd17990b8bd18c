package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.QueueState;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * I/O queues ({@code FxIoQueue}, {@code FxPkgIo}; io-queues-and-requests.md): create and its
 * checks, the routing of an arriving request, the state, and the framework's purge when a queue
 * is deleted. Its parts: start, stop, purge and drain ({@link QueueStates}), retrieve, find and
 * ready notify ({@link ManualQueues}), the waits for a queue's requests ({@link QueueWaits}); the
 * dispatch loop is {@link QueueLoop}.
 */
final class IoQueues implements Devices.QueueFactory {
    private final Kernel k;
    private final IrqlRules irql;
    private final Lifetime lifetime;
    private final Requests requests;
    private final QueueLoop loop;
    /** The queues not yet destroyed. */
    private final ArrayList<QueueImpl> queues = new ArrayList<>();
    private final QueueWaits waits;
    private final QueueStates states;
    private final ManualQueues manual;

    IoQueues(Kernel k, IrqlRules irql, Lifetime lifetime, Requests requests, QueueLoop loop) {
        this.k = k;
        this.irql = irql;
        this.lifetime = lifetime;
        this.requests = requests;
        this.loop = loop;
        this.waits = new QueueWaits(k, queues);
        this.states = new QueueStates(k, irql, requests.cancels(), loop, waits);
        this.manual = new ManualQueues(k, irql, requests, loop);
    }

    QueueLoop loop() {
        return loop;
    }

    /** Start, stop, purge and drain. */
    QueueStates states() {
        return states;
    }

    /** Retrieve, find and ready notify. */
    ManualQueues manual() {
        return manual;
    }

    /** Waits for a queue's requests, and their hangs. */
    QueueWaits waits() {
        return waits;
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
