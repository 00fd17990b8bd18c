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
}
