package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.EventType;

/**
 * IRQL rules: every runtime thread has a current IRQL and every call has a maximum
 * ({@code KmdfIrql}). A call above its maximum is reported and not carried out. Also the
 * driver's own {@code KeRaiseIrql}/{@code KeLowerIrql}.
 */
final class IrqlRules {
    private final Kernel k;

    IrqlRules(Kernel k) {
        this.k = k;
    }

    /** Inside enter/exit: says whether the call may go on, reporting it when it may not. */
    boolean ok(LogicalThread t, Irql max, ObjectImpl object, String call) {
        if (!t.irql.above(max)) {
            return true;
        }
        k.violation(t, Rule.KMDF_IRQL, object == null ? 0 : object.id, call + " called at " + t.irql
                + (object == null ? "" : " on " + object.describe()) + "; its maximum is " + max
                + " (the call is not carried out)");
        return false;
    }

    /** For fast paths that found a problem without entering: enter, check, report. */
    void checkAlone(LogicalThread t, Irql max, ObjectImpl object, String call) {
        k.enter(t, EventType.VIOLATION, object.id);
        try {
            ok(t, max, object, call);
        } finally {
            k.exit(t);
        }
    }

    Irql current() {
        return k.current().irql;
    }

    Irql raise(Irql level) {
        LogicalThread t = k.current();
        k.enter(t, EventType.IRQL_CHANGE, 0);
        try {
            Irql old = t.irql;
            if (old.above(level)) {
                throw new IllegalArgumentException("KeRaiseIrql to " + level + " from the higher " + old);
            }
            t.irql = level;
            k.emit(t, EventType.IRQL_CHANGE, 0, 0, level.ordinal());
            return old;
        } finally {
            k.exit(t);
        }
    }

    void lower(Irql level) {
        LogicalThread t = k.current();
        k.enter(t, EventType.IRQL_CHANGE, 0);
        try {
            if (level.above(t.irql)) {
                throw new IllegalArgumentException("KeLowerIrql to " + level + " from the lower " + t.irql);
            }
            t.irql = level;
            k.emit(t, EventType.IRQL_CHANGE, 0, 0, level.ordinal());
        } finally {
            k.exit(t);
        }
    }
}
