package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.KernelEventKind;
import dev.wdfrr.runtime.wdf.KernelEvent;

/**
 * Kernel events ({@code KEVENT}): {@code KeInitializeEvent}, {@code KeSetEvent},
 * {@code KeClearEvent}/{@code KeResetEvent} and {@code KeWaitForSingleObject}, with the IRQL rules
 * of the WDK (set and clear at most DISPATCH; a wait at PASSIVE or APC, at DISPATCH only with a
 * zero timeout). A set picks the waiters it satisfies when it happens (all of them, or the
 * longest waiting for a synchronization event), as the dispatcher does, so that a thread that
 * comes to wait later cannot take a signal meant for one already waiting. Each wait traces its
 * start, then a wake naming the set that satisfied it, or a timeout.
 */
final class KernelEvents {
    private final Kernel k;
    private final IrqlRules irql;

    KernelEvents(Kernel k, IrqlRules irql) {
        this.k = k;
        this.irql = irql;
    }

    /** {@code KeInitializeEvent}: any IRQL. */
    KernelEvent create(String name, KernelEvent.Type type, boolean signaled) {
        if (type == null) {
            throw new IllegalArgumentException("an event needs a type: NOTIFICATION or SYNCHRONIZATION");
        }
        LogicalThread t = k.current();
        k.enter(t, EventType.KEVENT_CREATE, 0);
        try {
            int id = k.newObjectId();
            KernelEventImpl e = new KernelEventImpl(this, id, name != null ? name : "event-" + id, type, signaled);
            k.nameObject(t, id, e.name);
            KernelEventKind kind = type == KernelEvent.Type.NOTIFICATION ? KernelEventKind.NOTIFICATION : KernelEventKind.SYNCHRONIZATION;
            k.emit(t, EventType.KEVENT_CREATE, id, 0, kind.id() | (signaled ? EventType.SIGNALED : 0));
            return e;
        } finally {
            k.exit(t);
        }
    }

    /** {@code KeSetEvent}: the previous state. */
    boolean set(KernelEventImpl e) {
        LogicalThread t = k.current();
        String site = k.callSite(t);
        k.enter(t, EventType.KEVENT_SET, e.id);
        try {
            boolean was = e.signaled;
            if (!irql.ok(t, Irql.DISPATCH, null, "KeSetEvent on " + e.describe())) {
                return was;
            }
            k.emitSite(t, site);
            int number = ++e.sets;
            long satisfied = 0;
            if (e.type == KernelEvent.Type.NOTIFICATION) {
                e.signaled = true;
                for (KernelEventImpl.Waiter w : e.waiters) {
                    w.satisfiedBy = number;
                    satisfied++;
                }
                e.waiters.clear();
            } else if (!e.waiters.isEmpty()) {
                e.waiters.poll().satisfiedBy = number; // the signal goes straight to the longest waiter
                satisfied = 1;
            } else {
                e.signaled = true;
            }
            k.emit(t, EventType.KEVENT_SET, e.id, number, (was ? EventType.SIGNALED : 0) | satisfied << 1);
            return was;
        } finally {
            k.exit(t);
        }
    }

    /** {@code KeClearEvent} / {@code KeResetEvent}: the previous state. */
    boolean clear(KernelEventImpl e, String call) {
        LogicalThread t = k.current();
        String site = k.callSite(t);
        k.enter(t, EventType.KEVENT_CLEAR, e.id);
        try {
            boolean was = e.signaled;
            if (!irql.ok(t, Irql.DISPATCH, null, call + " on " + e.describe())) {
                return was;
            }
            k.emitSite(t, site);
            e.signaled = false;
            k.emit(t, EventType.KEVENT_CLEAR, e.id, 0, was ? EventType.SIGNALED : 0);
            return was;
        } finally {
            k.exit(t);
        }
    }

    /** {@code KeWaitForSingleObject}: true when satisfied, false on timeout; {@code timeoutNanos} -1 for none. */
    boolean await(KernelEventImpl e, long timeoutNanos) {
        if (timeoutNanos < -1) {
            throw new IllegalArgumentException("a wait's timeout is -1 (none), 0 (test only) or positive, got " + timeoutNanos);
        }
        LogicalThread t = k.current();
        String site = k.callSite(t);
        k.enter(t, EventType.KEVENT_WAIT, e.id);
        try {
            Irql max = timeoutNanos == 0 ? Irql.DISPATCH : Irql.APC;
            if (!irql.ok(t, max, null, "KeWaitForSingleObject on " + e.describe()
                    + (timeoutNanos == 0 ? "" : " (only a zero timeout is allowed at DISPATCH)"))) {
                return false;
            }
            k.emitSite(t, site);
            k.emit(t, EventType.KEVENT_WAIT, e.id, 0, timeoutNanos);
            if (e.signaled) {
                if (e.type == KernelEvent.Type.SYNCHRONIZATION) {
                    e.signaled = false; // the wait consumes the signal
                }
                k.emit(t, EventType.KEVENT_WAKE, e.id, e.sets, 0);
                return true;
            }
            if (timeoutNanos == 0) {
                k.emit(t, EventType.KEVENT_TIMEOUT, e.id, 0, 0);
                return false;
            }
            KernelEventImpl.Waiter w = new KernelEventImpl.Waiter(t);
            e.waiters.add(w);
            boolean got = k.await(t, Wait.of(() -> w.satisfiedBy >= 0, () -> e.describe() + " to be set"),
                    timeoutNanos < 0 ? -1 : k.now() + timeoutNanos);
            if (!got) {
                e.waiters.remove(w);
                k.emit(t, EventType.KEVENT_TIMEOUT, e.id, 0, 0);
                return false;
            }
            k.emit(t, EventType.KEVENT_WAKE, e.id, w.satisfiedBy, 0);
            return true;
        } finally {
            k.exit(t);
        }
    }
}
