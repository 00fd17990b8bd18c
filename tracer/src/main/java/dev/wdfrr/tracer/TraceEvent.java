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

/**
 * A trace event as a typed value: one record per {@link EventType}, every one with the common
 * fields ({@link #seq}, {@link #time}, {@link #thread} name, {@link #cpu}, {@link #irql}) and its own
 * fields with names resolved. {@link Unknown} stands for a type id a newer writer added.
 */
public sealed interface TraceEvent {
    /** Global sequence number. */
    long seq();

    /** Nanoseconds since the run started. */
    long time();

    /** Name of the logical thread. */
    String thread();

    /** CPU, or -1. */
    int cpu();

    Irql irql();

    /** The type, or null for {@link Unknown}. */
    EventType type();

    /** {@link EventType#NAME}. */
    record Name(long seq, long time, String thread, int cpu, Irql irql, NameKind kind, int id, String text) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.NAME;
        }
    }

    /** {@link EventType#INTERRUPT}. */
    record Interrupt(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName, int device, int targetCpu) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.INTERRUPT;
        }
    }

    /** {@link EventType#ISR_START}. */
    record IsrStart(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.ISR_START;
        }
    }

    /** {@link EventType#ISR_END}. */
    record IsrEnd(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName, boolean claimed) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.ISR_END;
        }
    }

    /** {@link EventType#DPC_QUEUE}. */
    record DpcQueue(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName, boolean queued) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DPC_QUEUE;
        }
    }

    /** {@link EventType#DPC_START}. */
    record DpcStart(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DPC_START;
        }
    }

    /** {@link EventType#DPC_END}. */
    record DpcEnd(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DPC_END;
        }
    }

    /** {@link EventType#WORKITEM_CREATE}. */
    record WorkItemCreate(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName, int parent, boolean serialized) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.WORKITEM_CREATE;
        }
    }

    /** {@link EventType#ENQUEUE}. */
    record Enqueue(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName, int forInterrupt, boolean queued) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.ENQUEUE;
        }
    }

    /** {@link EventType#CALLBACK_START}. */
    record CallbackStart(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName, long instance) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CALLBACK_START;
        }
    }

    /** {@link EventType#CALLBACK_END}. */
    record CallbackEnd(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName, long instance) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CALLBACK_END;
        }
    }

    /** {@link EventType#FLUSH_START}. */
    record FlushStart(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.FLUSH_START;
        }
    }

    /** {@link EventType#FLUSH_END}. */
    record FlushEnd(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName, boolean waited) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.FLUSH_END;
        }
    }

    /** {@link EventType#DELETE}. */
    record Delete(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName, DeleteState state, boolean deferred) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DELETE;
        }
    }

    /** {@link EventType#CLEANUP}. */
    record Cleanup(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CLEANUP;
        }
    }

    /** {@link EventType#DESTROY}. */
    record Destroy(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DESTROY;
        }
    }

    /** {@link EventType#LOCK_ACQUIRE}. */
    record LockAcquire(long seq, long time, String thread, int cpu, Irql irql, int lock, String lockName, LockKind kind) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.LOCK_ACQUIRE;
        }
    }

    /** {@link EventType#LOCK_RELEASE}. */
    record LockRelease(long seq, long time, String thread, int cpu, Irql irql, int lock, String lockName, LockKind kind) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.LOCK_RELEASE;
        }
    }

    /** {@link EventType#LOCK_TIMEOUT}. */
    record LockTimeout(long seq, long time, String thread, int cpu, Irql irql, int lock, String lockName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.LOCK_TIMEOUT;
        }
    }

    /** {@link EventType#VIOLATION}. */
    record Violation(long seq, long time, String thread, int cpu, Irql irql, int object, Rule rule, String message) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.VIOLATION;
        }
    }

    /**
     * {@link EventType#SCHEDULE}: a decision not implied by the event order: the chosen thread, or (chosenThread 0) a value
     * the strategy chose: {@code choice} 1 a time in nanoseconds, 2 a CPU.
     */
    record Schedule(long seq, long time, String thread, int cpu, Irql irql, int chosenThread, int choice, long value)
            implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.SCHEDULE;
        }
    }

    /** {@link EventType#MARK}. */
    record Mark(long seq, long time, String thread, int cpu, Irql irql, String text, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.MARK;
        }
    }

    /** {@link EventType#FAILURE}. */
    record Failure(long seq, long time, String thread, int cpu, Irql irql, FailureKind kind, String message) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.FAILURE;
        }
    }

    /** {@link EventType#REG_READ}. */
    record RegRead(long seq, long time, String thread, int cpu, Irql irql, int device, int register, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.REG_READ;
        }
    }

    /** {@link EventType#REG_WRITE}. */
    record RegWrite(long seq, long time, String thread, int cpu, Irql irql, int device, int register, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.REG_WRITE;
        }
    }

    /** {@link EventType#FIFO_PUSH}. */
    record FifoPush(long seq, long time, String thread, int cpu, Irql irql, int fifo, String fifoName, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.FIFO_PUSH;
        }
    }

    /** {@link EventType#FIFO_POP}. */
    record FifoPop(long seq, long time, String thread, int cpu, Irql irql, int fifo, String fifoName, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.FIFO_POP;
        }
    }

    /** {@link EventType#OBJECT_CREATE}. */
    record ObjectCreate(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName, int parent, ObjectKind kind) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.OBJECT_CREATE;
        }
    }

    /** {@link EventType#THREAD_START}. */
    record ThreadStart(long seq, long time, String thread, int cpu, Irql irql, int startedThread, String startedName, int device) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.THREAD_START;
        }
    }

    /** {@link EventType#THREAD_END}. */
    record ThreadEnd(long seq, long time, String thread, int cpu, Irql irql, int endedThread, String endedName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.THREAD_END;
        }
    }

    /** {@link EventType#RUN_END}. */
    record RunEnd(long seq, long time, String thread, int cpu, Irql irql, FailureKind outcome) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.RUN_END;
        }
    }

    /** {@link EventType#ARRIVAL}. */
    record Arrival(long seq, long time, String thread, int cpu, Irql irql, int device, String deviceName, long index) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.ARRIVAL;
        }
    }

    /** {@link EventType#IRQL_CHANGE}. */
    record IrqlChange(long seq, long time, String thread, int cpu, Irql irql, Irql level) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.IRQL_CHANGE;
        }
    }

    /** {@link EventType#DEVICE_STOP}. */
    record DeviceStop(long seq, long time, String thread, int cpu, Irql irql, int device, String deviceName, long arrivals) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DEVICE_STOP;
        }
    }

    /** {@link EventType#CALLBACK_WAIT}. */
    record CallbackWait(long seq, long time, String thread, int cpu, Irql irql, int item, String itemName, int lock) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CALLBACK_WAIT;
        }
    }

    /** {@link EventType#INTERRUPT_MASKED}. */
    record InterruptMasked(long seq, long time, String thread, int cpu, Irql irql, int device, String deviceName, long status) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.INTERRUPT_MASKED;
        }
    }

    /** {@link EventType#DISPOSE_START}. */
    record DisposeStart(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DISPOSE_START;
        }
    }

    /** {@link EventType#DISPOSE_END}. */
    record DisposeEnd(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.DISPOSE_END;
        }
    }

    /** {@link EventType#MEM_READ}: {@code atomic} when part of an interlocked operation. */
    record MemRead(long seq, long time, String thread, int cpu, Irql irql, int cell, String cellName, boolean atomic, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.MEM_READ;
        }
    }

    /** {@link EventType#MEM_WRITE}: {@code atomic} when part of an interlocked operation. */
    record MemWrite(long seq, long time, String thread, int cpu, Irql irql, int cell, String cellName, boolean atomic, long value) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.MEM_WRITE;
        }
    }

    /** {@link EventType#CELL_CREATE}: {@code kind} is null for a kind this reader does not know. */
    record CellCreate(long seq, long time, String thread, int cpu, Irql irql, int cell, String cellName, int owner, CellKind kind) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CELL_CREATE;
        }
    }

    /** {@link EventType#KEVENT_CREATE}: {@code kind} is null for a kind this reader does not know. */
    record KernelEventCreate(long seq, long time, String thread, int cpu, Irql irql, int event, String eventName, int parent,
                             KernelEventKind kind, boolean signaled) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.KEVENT_CREATE;
        }
    }

    /** {@link EventType#KEVENT_SET}: the set's number for this event, the previous state and the waits it satisfied. */
    record KernelEventSet(long seq, long time, String thread, int cpu, Irql irql, int event, String eventName, int setNumber,
                          boolean wasSignaled, long waitsSatisfied) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.KEVENT_SET;
        }
    }

    /** {@link EventType#KEVENT_CLEAR}. */
    record KernelEventClear(long seq, long time, String thread, int cpu, Irql irql, int event, String eventName, boolean wasSignaled) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.KEVENT_CLEAR;
        }
    }

    /** {@link EventType#KEVENT_WAIT}: the timeout in nanoseconds, or -1. */
    record KernelEventWait(long seq, long time, String thread, int cpu, Irql irql, int event, String eventName, long timeoutNanos) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.KEVENT_WAIT;
        }
    }

    /** {@link EventType#KEVENT_WAKE}: the number of the set that satisfied the wait, 0 for the initial state. */
    record KernelEventWake(long seq, long time, String thread, int cpu, Irql irql, int event, String eventName, int setNumber) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.KEVENT_WAKE;
        }
    }

    /** {@link EventType#KEVENT_TIMEOUT}. */
    record KernelEventTimeout(long seq, long time, String thread, int cpu, Irql irql, int event, String eventName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.KEVENT_TIMEOUT;
        }
    }

    /** {@link EventType#CALL_SITE}: where the thread's next event was called from. */
    record CallSite(long seq, long time, String thread, int cpu, Irql irql, String site) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CALL_SITE;
        }
    }

    /** {@link EventType#THREAD_JOIN}. */
    record ThreadJoin(long seq, long time, String thread, int cpu, Irql irql, int joinedThread, String joinedName) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.THREAD_JOIN;
        }
    }

    /** {@link EventType#QUIESCENT}. */
    record Quiescent(long seq, long time, String thread, int cpu, Irql irql) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.QUIESCENT;
        }
    }

    /** {@link EventType#CONTEXT_CREATE}. */
    record ContextCreate(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName, String contextType) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.CONTEXT_CREATE;
        }
    }

    // ---- I/O queues and requests, PnP/power, timers and DPC objects (ids 70-98) ----

    /** {@link EventType#REQUEST_CREATE}: {@code queue} 0 when no queue took it (completed at once). */
    record RequestCreate(long seq, long time, String thread, int cpu, Irql irql, int request, String requestName, int queue,
                         RequestType requestType, long length) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.REQUEST_CREATE;
        }
    }

    /**
     * A step of a request's life on its queue: {@link EventType#REQUEST_DISPATCH} (arg = {@link CallbackKind}
     * id), {@code REQUEST_MARK_CANCELABLE}, {@code REQUEST_UNMARK_CANCELABLE}, {@code REQUEST_FORWARD}
     * ({@code queue} = destination, arg = NTSTATUS), {@code REQUEST_REQUEUE}, {@code REQUEST_STOP_ACK}.
     */
    record RequestStep(long seq, long time, String thread, int cpu, Irql irql, EventType type, int request, String requestName,
                       int queue, String queueName, long arg) implements TraceEvent {
    }

    /** {@link EventType#REQUEST_COMPLETE}: the NTSTATUS and the information (bytes transferred). */
    record RequestComplete(long seq, long time, String thread, int cpu, Irql irql, int request, String requestName, int queue,
                           long status, long information) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.REQUEST_COMPLETE;
        }
    }

    /** {@link EventType#REQUEST_CANCEL}: reason and state are null for ids this reader does not know. */
    record RequestCancel(long seq, long time, String thread, int cpu, Irql irql, int request, String requestName, int requester,
                         CancelReason reason, CancelReason.StateAtCancel state) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.REQUEST_CANCEL;
        }
    }

    /** {@code QUEUE_START}, {@code QUEUE_STOP}, {@code QUEUE_PURGE}, {@code QUEUE_DRAIN}, {@code QUEUE_IDLE}, {@code QUEUE_READY_NOTIFY}: arg as {@link EventType} says. */
    record QueueChange(long seq, long time, String thread, int cpu, Irql irql, EventType type, int queue, String queueName,
                       long arg) implements TraceEvent {
    }

    /** {@code TIMER_START}, {@code TIMER_FIRE}, {@code TIMER_STOP}, {@code WDFDPC_ENQUEUE}, {@code WDFDPC_CANCEL}. */
    record TimerOrDpcStep(long seq, long time, String thread, int cpu, Irql irql, EventType type, int object, String objectName,
                          int related, long arg) implements TraceEvent {
    }

    /**
     * The start of a PnP callback that has its own type: {@code PREPARE_HARDWARE}, {@code RELEASE_HARDWARE},
     * {@code D0_ENTRY}, {@code D0_EXIT} (arg = power state id), {@code SURPRISE_REMOVAL}.
     */
    record PnpCallback(long seq, long time, String thread, int cpu, Irql irql, EventType type, int device, String deviceName,
                       long arg) implements TraceEvent {
    }

    /** {@link EventType#EVT_CALLBACK_START} or {@code EVT_CALLBACK_END}; {@code kind} null when unknown. */
    record DriverCallback(long seq, long time, String thread, int cpu, Irql irql, EventType type, int object, String objectName,
                          CallbackKind kind, long arg) implements TraceEvent {
    }

    /** {@link EventType#PNP_ARRIVAL}. */
    record PnpArrival(long seq, long time, String thread, int cpu, Irql irql, int device, String deviceName, PnpAction action)
            implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.PNP_ARRIVAL;
        }
    }

    /** {@link EventType#INTERRUPT_STATE}: 1 connected, 2 enabled, 3 disabled, 4 disconnected. */
    record InterruptState(long seq, long time, String thread, int cpu, Irql irql, int interrupt, String interruptName,
                          int device, int state) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.INTERRUPT_STATE;
        }
    }

    /** {@link EventType#HARDWARE_STATE}. */
    record HardwareStateChange(long seq, long time, String thread, int cpu, Irql irql, int hardware, String hardwareName,
                               int device, HardwareState state) implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.HARDWARE_STATE;
        }
    }

    /** {@link EventType#RUNDOWN}: {@code waits} when the deleting thread waits for the object's callbacks first. */
    record Rundown(long seq, long time, String thread, int cpu, Irql irql, int object, String objectName, boolean waits)
            implements TraceEvent {
        @Override
        public EventType type() {
            return EventType.RUNDOWN;
        }
    }

    /** A type this reader does not know (from a newer minor version). */
    record Unknown(long seq, long time, String thread, int cpu, Irql irql, int typeId, int object, int related, long arg)
            implements TraceEvent {
        @Override
        public EventType type() {
            return null;
        }
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
