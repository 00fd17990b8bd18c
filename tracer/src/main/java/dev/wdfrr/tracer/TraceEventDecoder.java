package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.CellKind;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.KernelEventKind;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Rule;

import dev.wdfrr.tracer.TraceEvent.*;

/**
 * Builds the typed {@link TraceEvent} record of a cursor's current event: one case per event type,
 * names resolved through the trace's {@link Names}. Kept apart from the record types themselves, so
 * that adding an event type is a record there and a case here.
 */
final class TraceEventDecoder {
    private TraceEventDecoder() {
    }

    /** Builds the typed record for the cursor's current event. */
    static TraceEvent of(EventCursor c, Names n) {
        long s = c.seq;
        long t = c.time;
        String th = n.thread(c.thread);
        int cpu = c.cpu;
        Irql q = c.irql();
        EventType type = c.type();
        if (type == null) {
            return new Unknown(s, t, th, cpu, q, c.typeId, c.object, c.related, c.arg);
        }
        return switch (type) {
            case NAME -> new Name(s, t, th, cpu, q, NameKind.ofId(c.related), c.object, c.text);
            case INTERRUPT -> new Interrupt(s, t, th, cpu, q, c.object, n.object(c.object), c.related, (int) c.arg);
            case ISR_START -> new IsrStart(s, t, th, cpu, q, c.object, n.object(c.object));
            case ISR_END -> new IsrEnd(s, t, th, cpu, q, c.object, n.object(c.object), c.arg == 1);
            case DPC_QUEUE -> new DpcQueue(s, t, th, cpu, q, c.object, n.object(c.object), c.arg == 1);
            case DPC_START -> new DpcStart(s, t, th, cpu, q, c.object, n.object(c.object));
            case DPC_END -> new DpcEnd(s, t, th, cpu, q, c.object, n.object(c.object));
            case WORKITEM_CREATE -> new WorkItemCreate(s, t, th, cpu, q, c.object, n.object(c.object), c.related, c.arg == 1);
            case ENQUEUE -> new Enqueue(s, t, th, cpu, q, c.object, n.object(c.object), c.related, c.arg == 1);
            case CALLBACK_START -> new CallbackStart(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case CALLBACK_END -> new CallbackEnd(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case FLUSH_START -> new FlushStart(s, t, th, cpu, q, c.object, n.object(c.object));
            case FLUSH_END -> new FlushEnd(s, t, th, cpu, q, c.object, n.object(c.object), c.arg == 1);
            case DELETE -> new Delete(s, t, th, cpu, q, c.object, n.object(c.object), DeleteState.ofArg(c.arg), (c.arg & DeleteState.DEFERRED_FLAG) != 0);
            case CLEANUP -> new Cleanup(s, t, th, cpu, q, c.object, n.object(c.object));
            case DESTROY -> new Destroy(s, t, th, cpu, q, c.object, n.object(c.object));
            case LOCK_ACQUIRE -> new LockAcquire(s, t, th, cpu, q, c.object, n.object(c.object), LockKind.ofId(c.arg));
            case LOCK_RELEASE -> new LockRelease(s, t, th, cpu, q, c.object, n.object(c.object), LockKind.ofId(c.arg));
            case LOCK_TIMEOUT -> new LockTimeout(s, t, th, cpu, q, c.object, n.object(c.object));
            case VIOLATION -> new Violation(s, t, th, cpu, q, c.object, Rule.ofId((int) c.arg), n.string(c.related));
            case SCHEDULE -> new Schedule(s, t, th, cpu, q, c.object, c.related, c.arg);
            case MARK -> new Mark(s, t, th, cpu, q, n.string(c.related), c.arg);
            case FAILURE -> new Failure(s, t, th, cpu, q, FailureKind.ofId(c.arg), n.string(c.related));
            case REG_READ -> new RegRead(s, t, th, cpu, q, c.object, c.related, c.arg);
            case REG_WRITE -> new RegWrite(s, t, th, cpu, q, c.object, c.related, c.arg);
            case FIFO_PUSH -> new FifoPush(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case FIFO_POP -> new FifoPop(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case OBJECT_CREATE -> new ObjectCreate(s, t, th, cpu, q, c.object, n.object(c.object), c.related, ObjectKind.ofId(c.arg));
            case THREAD_START -> new ThreadStart(s, t, th, cpu, q, c.object, n.thread(c.object), c.related);
            case THREAD_END -> new ThreadEnd(s, t, th, cpu, q, c.object, n.thread(c.object));
            case RUN_END -> new RunEnd(s, t, th, cpu, q, FailureKind.ofId(c.arg));
            case ARRIVAL -> new Arrival(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case IRQL_CHANGE -> new IrqlChange(s, t, th, cpu, q, Irql.ofOrdinal((int) Math.max(0, Math.min(3, c.arg))));
            case DEVICE_STOP -> new DeviceStop(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case CALLBACK_WAIT -> new CallbackWait(s, t, th, cpu, q, c.object, n.object(c.object), c.related);
            case INTERRUPT_MASKED -> new InterruptMasked(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case DISPOSE_START -> new DisposeStart(s, t, th, cpu, q, c.object, n.object(c.object));
            case DISPOSE_END -> new DisposeEnd(s, t, th, cpu, q, c.object, n.object(c.object));
            case MEM_READ -> new MemRead(s, t, th, cpu, q, c.object, n.object(c.object), (c.related & EventType.ATOMIC) != 0, c.arg);
            case MEM_WRITE -> new MemWrite(s, t, th, cpu, q, c.object, n.object(c.object), (c.related & EventType.ATOMIC) != 0, c.arg);
            case CELL_CREATE -> new CellCreate(s, t, th, cpu, q, c.object, n.object(c.object), c.related, CellKind.ofId(c.arg));
            case KEVENT_CREATE -> new KernelEventCreate(s, t, th, cpu, q, c.object, n.object(c.object), c.related,
                    KernelEventKind.ofArg(c.arg), (c.arg & EventType.SIGNALED) != 0);
            case KEVENT_SET -> new KernelEventSet(s, t, th, cpu, q, c.object, n.object(c.object), c.related,
                    (c.arg & EventType.SIGNALED) != 0, c.arg >>> 1);
            case KEVENT_CLEAR -> new KernelEventClear(s, t, th, cpu, q, c.object, n.object(c.object), (c.arg & EventType.SIGNALED) != 0);
            case KEVENT_WAIT -> new KernelEventWait(s, t, th, cpu, q, c.object, n.object(c.object), c.arg);
            case KEVENT_WAKE -> new KernelEventWake(s, t, th, cpu, q, c.object, n.object(c.object), c.related);
            case KEVENT_TIMEOUT -> new KernelEventTimeout(s, t, th, cpu, q, c.object, n.object(c.object));
            case CALL_SITE -> new CallSite(s, t, th, cpu, q, n.site(c.related));
            case THREAD_JOIN -> new ThreadJoin(s, t, th, cpu, q, c.object, n.thread(c.object));
            case QUIESCENT -> new Quiescent(s, t, th, cpu, q);
            case CONTEXT_CREATE -> new ContextCreate(s, t, th, cpu, q, c.object, n.object(c.object), n.string(c.related));
            case REQUEST_CREATE -> new RequestCreate(s, t, th, cpu, q, c.object, n.object(c.object), c.related,
                    RequestType.ofId(c.arg >>> 32), c.arg & 0xFFFFFFFFL);
            case REQUEST_DISPATCH, REQUEST_MARK_CANCELABLE, REQUEST_UNMARK_CANCELABLE, REQUEST_FORWARD, REQUEST_REQUEUE,
                    REQUEST_STOP_ACK -> new RequestStep(s, t, th, cpu, q, type, c.object, n.object(c.object), c.related,
                    n.object(c.related), c.arg);
            case REQUEST_COMPLETE -> new RequestComplete(s, t, th, cpu, q, c.object, n.object(c.object), c.related,
                    c.arg & 0xFFFFFFFFL, c.arg >>> 32);
            case REQUEST_CANCEL -> new RequestCancel(s, t, th, cpu, q, c.object, n.object(c.object), c.related,
                    CancelReason.ofId(c.arg & 0xFF), CancelReason.StateAtCancel.ofId(c.arg >> 8));
            case QUEUE_START, QUEUE_STOP, QUEUE_PURGE, QUEUE_DRAIN, QUEUE_IDLE, QUEUE_READY_NOTIFY -> new QueueChange(s, t, th, cpu, q, type,
                    c.object, n.object(c.object), c.arg);
            case TIMER_START, TIMER_FIRE, TIMER_STOP, WDFDPC_ENQUEUE, WDFDPC_CANCEL -> new TimerOrDpcStep(s, t, th, cpu, q, type,
                    c.object, n.object(c.object), c.related, c.arg);
            case D0_ENTRY, D0_EXIT, PREPARE_HARDWARE, RELEASE_HARDWARE, SURPRISE_REMOVAL -> new PnpCallback(s, t, th, cpu, q,
                    type, c.object, n.object(c.object), c.arg);
            case EVT_CALLBACK_START, EVT_CALLBACK_END -> new DriverCallback(s, t, th, cpu, q, type, c.object,
                    n.object(c.object), CallbackKind.ofId(c.related), c.arg);
            case PNP_ARRIVAL -> new PnpArrival(s, t, th, cpu, q, c.object, n.object(c.object), PnpAction.ofId(c.arg));
            case INTERRUPT_STATE -> new InterruptState(s, t, th, cpu, q, c.object, n.object(c.object), c.related, (int) c.arg);
            case HARDWARE_STATE -> new HardwareStateChange(s, t, th, cpu, q, c.object, n.object(c.object), c.related,
                    HardwareState.ofId(c.arg));
            case RUNDOWN -> new Rundown(s, t, th, cpu, q, c.object, n.object(c.object), c.arg == 1);
        };
    }
}
