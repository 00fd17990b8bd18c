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
    DISPOSE_END(39, "dispose_end");

    private static final EventType[] BY_ID = new EventType[64];

    static {
        for (EventType t : values()) {
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
