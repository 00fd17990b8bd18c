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
    /** Flush entered: object = item. */
    FLUSH_START(12, "flush_start"),
    /** Flush returned: object = item, arg = 1 if it had to wait. */
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
    /** A scheduling decision not implied by the event order: object = chosen thread id. */
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
    /** A runtime thread started: object = thread id. */
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
    /** A worker dequeued a serialized item and waits for its callback lock: object = item, related = lock. */
    CALLBACK_WAIT(36, "callback_wait"),
    /** An arrival left the interrupt line quiet (interrupts disabled, or no status): object = virtual device, arg = status. */
    INTERRUPT_MASKED(37, "interrupt_masked"),
    /** A system worker took a deferred disposal (delete at DISPATCH or from a callback): object = the object. */
    DISPOSE_START(38, "dispose_start"),
    /** The worker finished that deferred disposal: object = the object. */
    DISPOSE_END(39, "dispose_end"),

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
     * Where in driver code the thread's next event was called from: related = string id of
     * {@code Class.method(File.java:line)}. It comes right before that event, in the same step.
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
    CONTEXT_CREATE(62, "context_create");

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
