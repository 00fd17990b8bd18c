package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.QueueStateCallback;
import dev.wdfrr.runtime.wdf.RequestType;

/**
 * What one pass of a queue's dispatch loop ({@link QueueLoop}) runs: a driver callback of the
 * queue under its callback lock and IRQL ({@code FxIoQueueIo*::Invoke}; io-queues-and-requests.md
 * [Q4]-[Q7]), a request delivered to the EvtIo callback its type selects
 * ({@code FxIoQueue::DispatchRequestToDriver}), a cancel routine, a state callback, or a
 * completion the framework makes itself. The loop decides which comes next; this class, how
 * each one runs.
 */
final class QueueSteps {
    /** One thing the loop does that runs code outside the kernel: begun and ended inside enter/exit. */
    abstract static class Step {
        abstract void begin(LogicalThread t);

        abstract void run(LogicalThread t);

        abstract void end(LogicalThread t);
    }

    /** Marks a pass that changed something without a step of its own: look again. */
    static final Step AGAIN = new Step() {
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

    private final Kernel k;
    private final Locks locks;
    private final Requests requests;

    QueueSteps(Kernel k, Locks locks, Requests requests) {
        this.k = k;
        this.locks = locks;
        this.requests = requests;
    }

    /** The framework completes {@code r} itself with {@code status}. */
    Step completion(RequestImpl r, long status) {
        return new Completion(r, status);
    }

    /** {@code ProcessCancelledRequestsOnQueue}: {@code r} given back to the driver's EvtIoCanceledOnQueue ([Q22]). */
    Step canceledOnQueue(QueueImpl q, RequestImpl r) {
        QueueConfig c = q.config;
        return new Callback(q, r, r.id, CallbackKind.EVT_IO_CANCELED_ON_QUEUE, true, EventType.EVT_CALLBACK_START,
                CallbackKind.EVT_IO_CANCELED_ON_QUEUE.id(), 0, () -> {
                    c.onCanceledOnQueue().onCanceled(q, r);
                    return true;
                });
    }

    /** {@code FxIoQueue::DispatchRequestToDriver} ([Q6][Q7]). */
    Step deliver(QueueImpl q, RequestImpl r) {
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

    Step cancelRoutine(QueueImpl q, RequestImpl r) {
        Callback step = new Callback(q, r, r.id, CallbackKind.EVT_REQUEST_CANCEL, true, EventType.EVT_CALLBACK_START,
                CallbackKind.EVT_REQUEST_CANCEL.id(), 0, () -> {
                    r.cancelRoutine.onCancel(r);
                    return true;
                });
        step.cancel = true;
        return step;
    }

    Step stateCallback(QueueImpl q, QueueStateCallback cb, CallbackKind kind, boolean locked) {
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
        private final QueueLoop.Pending p = new QueueLoop.Pending();

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
            requests.home().runPending(t, p);
        }

        @Override
        void end(LogicalThread t) {
        }
    }
}
