package dev.wdfrr.runtime.event;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.Scenario;

/**
 * Every kind of event the runtime reports, each with a stable numeric id that is what traces
 * store (never a class name). Ids are never reused; new types take new ids.
 *
 * <p>Each event carries {@code object}, {@code related} and {@code arg}; their meaning per
 * type is given below.
 */
public enum EventType {
    /** A name for an id: object = the named id, related = {@link NameKind} id, text attached. */
    NAME(1, "name"),
    /** The device raised an interrupt: object = interrupt, related = virtual device, arg = target CPU. */
    INTERRUPT(2, "interrupt"),
    /** ISR entered: object = interrupt, related = the virtual device. */
    ISR_START(3, "isr_start"),
    /** ISR returned: object = interrupt, arg = 1 when it claimed the interrupt. */
    ISR_END(4, "isr_end"),
    /** Queue DPC for ISR: object = interrupt, arg = 1 queued, 0 coalesced. */
    DPC_QUEUE(5, "dpc_queue"),
    /** DPC started on a CPU: object = interrupt. */
    DPC_START(6, "dpc_start"),
    /** DPC returned: object = interrupt. */
    DPC_END(7, "dpc_end"),
    /** Work item created: object = item, related = parent, arg = 1 if automatically serialized. */
    WORKITEM_CREATE(8, "workitem_create"),
    /** Enqueue: object = item, related = the interrupt for queueWorkItemForIsr (else 0), arg = 1 queued, 0 coalesced. */
    ENQUEUE(9, "enqueue"),
    /** Callback started: object = item, arg = instance number (1-based). */
    CALLBACK_START(10, "callback_start"),
    /** Callback returned: object = item, arg = instance number. */
    CALLBACK_END(11, "callback_end"),
    /** Flush entered: object = the work item, timer, DPC or interrupt whose flush this is. */
    FLUSH_START(12, "flush_start"),
    /** Flush returned: object = as its start, arg = 1 if it had to wait. */
    FLUSH_END(13, "flush_end"),
    /** Delete: object = the object, arg = {@link DeleteState} id, plus {@link DeleteState#DEFERRED_FLAG}. */
    DELETE(14, "delete"),
    /** Cleanup callback point: object = the object. */
    CLEANUP(15, "cleanup"),
    /** Destroy callback point (memory released): object = the object. */
    DESTROY(16, "destroy"),
    /**
     * Lock acquired: object = lock, arg = {@link LockKind} id. The IRQL is the level after the
     * acquire. A passive-level interrupt's lock is a wait lock whose id is the interrupt's.
     */
    LOCK_ACQUIRE(17, "lock_acquire"),
    /** Lock released: object = lock, arg = {@link LockKind} id. */
    LOCK_RELEASE(18, "lock_release"),
    /** Wait-lock acquire timed out: object = lock, arg = {@link LockKind} id. */
    LOCK_TIMEOUT(19, "lock_timeout"),
    /** Verifier violation: object = offending object, related = message string id, arg = {@link Rule} id. */
    VIOLATION(20, "violation"),
    /**
     * A decision not implied by the event order: object = chosen thread id; or, for a value the
     * strategy chose (the instant within a time window, a CPU), object = 0, related = what was
     * chosen (1 a time in nanoseconds, 2 a CPU) and arg = the value.
     */
    SCHEDULE(21, "schedule"),
    /** User mark: related = text string id, arg = user value. */
    MARK(22, "mark"),
    /** Scenario failure: related = text string id, arg = {@link FailureKind} id. */
    FAILURE(23, "failure"),
    /** Device register read: object = virtual device, related = register, arg = value. */
    REG_READ(24, "reg_read"),
    /** Device register write: object = virtual device, related = register, arg = value. */
    REG_WRITE(25, "reg_write"),
    /** Hardware pushed into a device FIFO: object = FIFO, arg = value. */
    FIFO_PUSH(26, "fifo_push"),
    /** Driver popped a device FIFO: object = FIFO, arg = value, or -1 when it was empty. */
    FIFO_POP(27, "fifo_pop"),
    /** Any other object created: object = id, related = parent (0 for none), arg = {@link ObjectKind} id. */
    OBJECT_CREATE(28, "object_create"),
    /**
     * A runtime thread started: object = thread id; related = the virtual device of a device
     * thread, the requester of a requester thread, the device of a PnP thread, else 0.
     */
    THREAD_START(30, "thread_start"),
    /** A runtime thread ended: object = thread id; for a device thread related = the device, arg = its arrivals. */
    THREAD_END(31, "thread_end"),
    /** The run ended: arg = {@link FailureKind} id of the outcome (0 = passed). */
    RUN_END(32, "run_end"),
    /** A hardware event arrived at a virtual device: object = device, arg = arrival index. */
    ARRIVAL(33, "arrival"),
    /** IRQL raised or lowered explicitly: arg = new level ordinal. */
    IRQL_CHANGE(34, "irql_change"),
    /** The driver stopped a virtual device's arrivals: object = virtual device. */
    DEVICE_STOP(35, "device_stop"),
    /** A serialized callback was taken and waits for its callback lock: object = the work item or interrupt (DPC), related = lock. */
    CALLBACK_WAIT(36, "callback_wait"),
    /** An arrival left the interrupt line quiet (interrupts disabled, or no status): object = virtual device, arg = status. */
    INTERRUPT_MASKED(37, "interrupt_masked"),
    /** The dispose list's thread took a deferred deletion (a delete at DISPATCH): object = the object. */
    DISPOSE_START(38, "dispose_start"),
    /** The dispose list's thread finished that deferred deletion: object = the object. */
    DISPOSE_END(39, "dispose_end"),
    /**
     * A deletion's cascade reached the object ({@code FxObject} Dispose): from here a work item
     * takes no enqueue ({@code m_RunningDown}); its cleanup follows once nothing of it is queued or
     * running. object = the object, arg = 1 when the deleting thread waits for its callbacks first.
     */
    RUNDOWN(40, "rundown"),

    // Ids 50-69: traced shared memory, kernel events, call sites, joins, contexts (issue 14).

    /**
     * Driver code read a traced cell: object = cell, related = {@link #ATOMIC} when the read is
     * part of an interlocked operation (else 0), arg = the value read: a long as is, a boolean
     * as 0 or 1, a reference as its identity number in the run (0 for null, then 1, 2, … in the
     * order the run first stored each object). The value is read in the same atomic step as the
     * event, after the scheduling point.
     */
    MEM_READ(50, "mem_read"),
    /** Driver code wrote a traced cell: object = cell, related = {@link #ATOMIC} or 0, arg = the value written (as for {@link #MEM_READ}). */
    MEM_WRITE(51, "mem_write"),
    /**
     * A traced cell was created: object = cell (named by a name event), related = the object it
     * belongs to, or 0, arg = {@link CellKind} id.
     */
    CELL_CREATE(52, "cell_create"),
    /**
     * A kernel event (KEVENT) was created: object = event (named), related = parent object or 0,
     * arg = {@link KernelEventKind} id, plus {@link #SIGNALED} when it starts signaled.
     */
    KEVENT_CREATE(53, "kevent_create"),
    /**
     * {@code KeSetEvent}: object = event, related = the set's number for this event (1, 2, …),
     * arg = the previous state ({@link #SIGNALED} or 0) plus the number of waits it satisfied,
     * shifted left by one. A wait it satisfied names this number in its {@link #KEVENT_WAKE}.
     */
    KEVENT_SET(54, "kevent_set"),
    /** {@code KeClearEvent} or {@code KeResetEvent}: object = event, arg = the previous state ({@link #SIGNALED} or 0). */
    KEVENT_CLEAR(55, "kevent_clear"),
    /** {@code KeWaitForSingleObject} entered: object = event, arg = the timeout in nanoseconds, or -1 for none. */
    KEVENT_WAIT(56, "kevent_wait"),
    /**
     * The wait was satisfied (STATUS_SUCCESS): object = event, related = the number of the
     * {@link #KEVENT_SET} that signaled it, or 0 when the event was created signaled.
     */
    KEVENT_WAKE(57, "kevent_wake"),
    /** The wait timed out (STATUS_TIMEOUT): object = event. */
    KEVENT_TIMEOUT(58, "kevent_timeout"),
    /**
     * Where in driver code the thread's next event was called from: related = the id of a
     * {@link NameKind#SITE} name, {@code Class.method(File.java:line)}. It comes right before that
     * event, in the same step, when the run records call sites.
     */
    CALL_SITE(59, "call_site"),
    /** A thread waited for another to end, and it has: object = the ended thread's id. */
    THREAD_JOIN(60, "thread_join"),
    /**
     * {@code awaitQuiescent} returned: every device delivered its arrivals and every ISR, DPC,
     * callback and scenario thread that was pending has finished.
     */
    QUIESCENT(61, "quiescent"),
    /** An object context was allocated: object = the object, related = string id of the context's type name. */
    CONTEXT_CREATE(62, "context_create"),

    // ---- I/O queues and requests, PnP/power, timers and DPC objects (70-99; docs/semantics) ----

    /**
     * A request arrived: object = request, related = the queue it is routed to (0: none, completed
     * at once), arg = length (low 32 bits: read/write length or ioctl output length) +
     * {@link dev.wdfrr.runtime.wdf.RequestType} id × 2³².
     */
    REQUEST_CREATE(70, "request_create"),
    /**
     * A request is delivered to the driver: object = request, related = queue, arg =
     * {@link CallbackKind} id of the EvtIo callback about to run (its start), or RETRIEVED for a
     * manual retrieval. An EvtIo callback is closed by {@link #EVT_CALLBACK_END}.
     */
    REQUEST_DISPATCH(71, "request_dispatch"),
    /**
     * A request completed: object = request, related = the queue it belonged to (0: none), arg =
     * NTSTATUS (low 32 bits) + information × 2³² (capped at 2³¹-1).
     */
    REQUEST_COMPLETE(72, "request_complete"),
    /**
     * A request was cancelled: object = request, related = its requester, arg =
     * {@link CancelReason} id + 256 × {@link CancelReason.StateAtCancel} id.
     */
    REQUEST_CANCEL(73, "request_cancel"),
    /**
     * WdfRequestMarkCancelable(Ex): object = request, related = queue, arg = 1 marked, 2 already
     * cancelled: cancel routine scheduled, 3 already cancelled: STATUS_CANCELLED returned (Ex), 0 refused.
     */
    REQUEST_MARK_CANCELABLE(74, "request_mark_cancelable"),
    /** WdfIoQueueStart or the framework's power-up: object = queue, arg = 1 driver call, 2 framework power-up. */
    QUEUE_START(75, "queue_start"),
    /** WdfIoQueueStop(…): object = queue, arg = bits: 1 synchronous, 2 and purge, 4 framework power-down hold. */
    QUEUE_STOP(76, "queue_stop"),
    /** WdfIoQueuePurge(…) or the framework's purge: object = queue, arg = bits: 1 synchronous, 4 framework (removal). */
    QUEUE_PURGE(77, "queue_purge"),
    /**
     * WdfTimerStart: object = timer, related = 1 if it was already armed (returned TRUE), 0 armed
     * afresh, 2 not armed (a waiting stop runs, or the timer's deletion began); arg = due time in ns from now.
     */
    TIMER_START(78, "timer_start"),
    /**
     * A timer expired: object = timer, related = the CPU its DPC is queued on + 1 (0 for a passive
     * timer's work item), arg = 1 callback queued (DPC or work item), 0 merged into a waiting one.
     */
    TIMER_FIRE(79, "timer_fire"),
    /** WdfTimerStop returned: object = timer, arg = bits: 1 Wait, 2 returned TRUE, 4 refused. */
    TIMER_STOP(80, "timer_stop"),
    /** EvtDeviceD0Entry starts: object = device, arg = previous {@link dev.wdfrr.runtime.wdf.PowerState} id. */
    D0_ENTRY(81, "d0_entry"),
    /** EvtDeviceD0Exit starts: object = device, arg = target {@link dev.wdfrr.runtime.wdf.PowerState} id. */
    D0_EXIT(82, "d0_exit"),
    /** EvtDevicePrepareHardware starts: object = device. */
    PREPARE_HARDWARE(83, "prepare_hardware"),
    /** EvtDeviceReleaseHardware starts: object = device. */
    RELEASE_HARDWARE(84, "release_hardware"),
    /** EvtDeviceSurpriseRemoval starts: object = device. */
    SURPRISE_REMOVAL(85, "surprise_removal"),
    /**
     * A driver callback returned: object = as its start event, related = {@link CallbackKind} id,
     * arg = the NTSTATUS it returned (0 for VOID callbacks).
     */
    EVT_CALLBACK_END(86, "evt_callback_end"),
    /**
     * A driver callback starts (one not opened by its own event type): object = request, queue,
     * device, interrupt, timer or DPC; related = {@link CallbackKind} id; arg = EvtIoStop's
     * action flags, a power state, a timer or DPC instance number, else 0.
     */
    EVT_CALLBACK_START(87, "evt_callback_start"),
    /** WdfRequestUnmarkCancelable: object = request, related = queue, arg = 1 STATUS_SUCCESS, 2 STATUS_CANCELLED, 0 refused. */
    REQUEST_UNMARK_CANCELABLE(88, "request_unmark_cancelable"),
    /** WdfRequestForwardToIoQueue: object = request, related = destination queue, arg = NTSTATUS (0 = forwarded). */
    REQUEST_FORWARD(89, "request_forward"),
    /** WdfRequestRequeue: object = request, related = queue, arg = 1 back at the head, 2 cancelled instead (purge in effect). */
    REQUEST_REQUEUE(90, "request_requeue"),
    /** WdfRequestStopAcknowledge: object = request, related = queue, arg = 1 requeue, 0 keep. */
    REQUEST_STOP_ACK(91, "request_stop_ack"),
    /** WdfIoQueueDrain(…): object = queue, arg = 1 synchronous. */
    QUEUE_DRAIN(92, "queue_drain"),
    /**
     * A queue reached a completion point: object = queue, arg = 1 stopped, 2 purged, 3 drained,
     * 4 powered off; 0 a thread left its dispatch loop with nothing else traced in that step;
     * 5 an empty retrieval while a cancel was in flight (the next arrival notifies); 6 a cancelled
     * request handed to the thread in the loop for EvtIoCanceledOnQueue.
     */
    QUEUE_IDLE(93, "queue_idle"),
    /**
     * A PnP request reaches a device: object = device, related = 0 acted on, 1 ignored (it does not
     * fit the device's state: the PnP manager would not send it), arg = {@link dev.wdfrr.runtime.hw.PnpAction} id.
     */
    PNP_ARRIVAL(94, "pnp_arrival"),
    /** An interrupt's connection changed: object = interrupt, related = virtual device, arg = 1 connected, 2 enabled, 3 disabled, 4 disconnected. */
    INTERRUPT_STATE(95, "interrupt_state"),
    /** A virtual device's state changed with its driver's PnP life: object = virtual device, related = device, arg = {@link HardwareState} id. */
    HARDWARE_STATE(96, "hardware_state"),
    /** WdfDpcEnqueue: object = DPC, related = CPU it is queued on + 1, arg = 1 queued, 0 coalesced, -1 refused. */
    WDFDPC_ENQUEUE(97, "wdfdpc_enqueue"),
    /** WdfDpcCancel returned: object = DPC, arg = bits: 1 Wait, 2 returned TRUE, 4 refused. */
    WDFDPC_CANCEL(98, "wdfdpc_cancel"),
    /** WdfIoQueueReadyNotify: object = queue, arg = 1 registered, 0 cleared. */
    QUEUE_READY_NOTIFY(99, "queue_ready_notify");


    /** {@code related} flag of {@link #MEM_READ} and {@link #MEM_WRITE}: the access is part of an interlocked operation. */
    public static final int ATOMIC = 1;
    /** Event state bit in {@link #KEVENT_CREATE}, {@link #KEVENT_SET} and {@link #KEVENT_CLEAR}: signaled. */
    public static final int SIGNALED = 1;

    /** Largest id any helper range reserves; ids up to it are looked up in one array. */
    private static final int MAX_ID = 255;
    private static final EventType[] BY_ID = new EventType[MAX_ID + 1];

    static {
        for (EventType t : values()) {
            if (t.id > MAX_ID || BY_ID[t.id] != null) {
                throw new IllegalStateException("event type id " + t.id + " of " + t + " is out of range or taken");
            }
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final String wireName;

    EventType(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    /** Stable numeric id stored in traces. */
    public int id() {
        return id;
    }

    /** The snake_case name used in JSON, dumps and {@code --type} filters. */
    public String wireName() {
        return wireName;
    }

    /** The type with the given id, or null when the id is unknown (a newer or corrupt trace). */
    public static EventType ofId(int id) {
        return id > 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The type with the given snake_case or enum name, or null. */
    public static EventType ofName(String name) {
        for (EventType t : values()) {
            if (t.wireName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
