package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.tracer.EventCursor;

/**
 * The maximum IRQL of each call (the table of wdf-semantics.md), as it can be checked against
 * the IRQL an event records: the level of its thread when the event was made.
 *
 * <p>For most calls that is the caller's level. A lock acquire records the level after
 * raising, so the caller's level is derived from what the acquire does:
 * <ul>
 * <li>spin lock: raises to DISPATCH, so the recorded level is max(caller, DISPATCH); it is above
 *     DISPATCH exactly when the caller was, so comparing it with DISPATCH decides the rule;</li>
 * <li>wait lock: does not raise, so the recorded level is the caller's. The maximum is PASSIVE,
 *     or APC with a zero timeout; the trace does not record the timeout, so APC is accepted
 *     (except for a passive-level interrupt's lock, whose maximum is PASSIVE);</li>
 * <li>interrupt lock of a DIRQL interrupt: raises to DIRQL from any level, nothing to check;</li>
 * <li>callback lock: taken by the framework around a callback, not a driver call.</li>
 * </ul>
 * Queue DPC for ISR and the interrupt's queue-work-item-for-ISR are allowed up to DIRQL, the top
 * level, and get-parent leaves no event, so none of them can be checked.
 */
final class IrqlLimits {
    /** A call's maximum level and its framework name. */
    record Limit(Irql max, String call) {
    }

    private IrqlLimits() {
    }

    /** The limit the event's recorded IRQL must respect, or null when there is none to check. */
    static Limit of(EventCursor c, ObjectTable objects) {
        EventType t = c.type();
        return switch (t) {
            case WORKITEM_CREATE -> new Limit(Irql.DISPATCH, "WdfWorkItemCreate");
            case ENQUEUE -> c.related() != 0 ? null : new Limit(Irql.DISPATCH, "WdfWorkItemEnqueue");
            case FLUSH_START -> new Limit(Irql.PASSIVE, "WdfWorkItemFlush");
            case DELETE -> new Limit(Irql.DISPATCH, "WdfObjectDelete");
            case LOCK_ACQUIRE -> lock(c, objects);
            default -> null;
        };
    }

    private static Limit lock(EventCursor c, ObjectTable objects) {
        LockKind kind = LockKind.ofId(c.arg());
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case SPIN -> new Limit(Irql.DISPATCH, "WdfSpinLockAcquire");
            case WAIT -> objects.isInterrupt(c.object())
                    ? new Limit(Irql.PASSIVE, "WdfInterruptAcquireLock (passive-level interrupt)")
                    : new Limit(Irql.APC, "WdfWaitLockAcquire");
            case INTERRUPT, CALLBACK -> null;
        };
    }

    /** Why the recorded level shows the call was made too high, in words. */
    static String explain(EventCursor c, Limit limit) {
        if (c.type() == EventType.LOCK_ACQUIRE && LockKind.ofId(c.arg()) == LockKind.SPIN) {
            return "recorded at " + c.irql() + " after raising to DISPATCH, so it was called at " + c.irql();
        }
        return "called at " + c.irql();
    }
}
