package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.VerifierViolationException;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.WdfObject;

/**
 * Locks: spin locks ({@code FxSpinLock}), wait locks ({@code FxWaitLock}), the interrupt lock and
 * the callback lock automatic serialization holds. Who holds each, the IRQL an acquire raises to
 * and restores on release, the pairing rules ({@code WdfSpinlock}, {@code WdfWaitlock},
 * {@code WdfInterruptLock}) and the check that a callback returns holding nothing.
 */
final class Locks {
    private final Kernel k;
    private final IrqlRules irql;
    private final Lifetime lifetime;

    Locks(Kernel k, IrqlRules irql, Lifetime lifetime) {
        this.k = k;
        this.irql = irql;
        this.lifetime = lifetime;
    }

    ObjectImpl create(WdfObject parentObject, String name, ObjectKind kind) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.DISPATCH, null, kind == ObjectKind.SPIN_LOCK ? "WdfSpinLockCreate" : "WdfWaitLockCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "lock create above DISPATCH");
            }
            ObjectImpl parent = lifetime.parentOrDriver(parentObject);
            Lifetime.requireAlive(parent, "lock create");
            int id = k.newObjectId();
            String n = name != null ? name : (kind == ObjectKind.SPIN_LOCK ? "spinlock-" : "waitlock-") + id;
            ObjectImpl lock = kind == ObjectKind.SPIN_LOCK ? new SpinLockImpl(this, lifetime, id, n, parent)
                    : new WaitLockImpl(this, lifetime, id, n, parent);
            lifetime.adopt(t, lock, kind);
            return lock;
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfSpinLockAcquire}: at most DISPATCH, raises to DISPATCH while held. */
    void acquireSpin(SpinLockImpl s) {
        LogicalThread t = k.current();
        LockState lock = s.state;
        k.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, s, "WdfSpinLockAcquire")) {
                return;
            }
            if (lock.owner == t) {
                k.violation(t, Rule.WDF_SPINLOCK, s.id, "WdfSpinLockAcquire of " + lock.describe()
                        + " already held by " + t.name + ": it spins forever (the thread hangs here)");
            }
            awaitFree(t, lock);
            take(t, lock, Irql.DISPATCH);
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfWaitLockAcquire}: PASSIVE, or below DISPATCH with a zero timeout; false on timeout. */
    boolean acquireWait(WaitLockImpl w, LockState lock, long timeoutNanos) {
        LogicalThread t = k.current();
        k.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            Irql max = timeoutNanos == 0 ? Irql.APC : Irql.PASSIVE;
            if (!irql.ok(t, max, w, "WdfWaitLockAcquire")) {
                return false;
            }
            if (lock.owner == t) {
                k.violation(t, Rule.WDF_WAITLOCK, w.id, "WdfWaitLockAcquire of " + lock.describe()
                        + " already held by " + t.name + ": it waits on itself ("
                        + (timeoutNanos < 0 ? "forever: the thread hangs here)" : "until its timeout)"));
            }
            if (!lock.free()) {
                boolean got = timeoutNanos != 0 && k.await(t, Wait.of(lock::free,
                        () -> lock.describe() + " held by " + lock.owner),
                        timeoutNanos < 0 ? -1 : k.now() + timeoutNanos);
                if (!got) {
                    k.emit(t, EventType.LOCK_TIMEOUT, lock.id, 0, LockKind.WAIT.id());
                    return false;
                }
            }
            take(t, lock, t.irql);
            return true;
        } finally {
            k.exit(t);
        }
    }

    /**
     * {@code WdfInterruptAcquireLock}: raises to DIRQL and excludes the ISR; not recursive. A
     * passive-level interrupt's lock is a wait lock taken at PASSIVE.
     */
    void acquireInterruptLock(ObjectImpl interrupt, LockState lock, boolean passiveLevel) {
        LogicalThread t = k.current();
        k.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            if (passiveLevel && !irql.ok(t, Irql.PASSIVE, interrupt, "WdfInterruptAcquireLock (passive-level interrupt)")) {
                return;
            }
            if (lock.owner == t) {
                k.violation(t, Rule.WDF_INTERRUPT_LOCK, interrupt.id, "WdfInterruptAcquireLock of " + lock.describe()
                        + " already held by " + t.name + ": the interrupt lock is not recursive; it spins forever (the thread hangs here)");
            }
            awaitFree(t, lock);
            take(t, lock, passiveLevel ? t.irql : Irql.DIRQL);
        } finally {
            k.exit(t);
        }
    }

    private void awaitFree(LogicalThread t, LockState lock) {
        k.await(t, Wait.of(lock::free, () -> lock.describe() + " held by " + lock.owner), -1);
    }

    private void take(LogicalThread t, LockState lock, Irql raiseTo) {
        lock.owner = t;
        lock.savedIrql = t.irql;
        if (raiseTo.above(t.irql)) {
            t.irql = raiseTo;
        }
        t.held.add(lock);
        k.emit(t, EventType.LOCK_ACQUIRE, lock.id, 0, lock.kind.id());
    }

    /**
     * Release of a spin, wait, interrupt or object lock by the driver. A spin lock released by a
     * thread that does not own it is the framework's own bug check ({@code FxSpinLock::ReleaseLock});
     * the other kinds are reported under their pairing rule and left as they are.
     */
    void release(ObjectImpl o, LockState lock) {
        LogicalThread t = k.current();
        k.enter(t, EventType.LOCK_RELEASE, lock.id);
        try {
            if (lock.owner != t) {
                String what = "release of " + lock.describe() + " by " + t.name + ", which does not hold it ("
                        + (lock.owner == null ? "it is not held" : "held by " + lock.owner.name) + ")";
                if (lock.kind == LockKind.SPIN) {
                    k.violation(t, Rule.INVALID_LOCK_OPERATION, o.id, what + ": FxSpinLock::ReleaseLock bug checks");
                    throw new BugCheckException(what + ": bug check 0x10D WDF_VIOLATION, WDF_INVALID_LOCK_OPERATION (0xB)");
                }
                k.violation(t, lock.kind.rule(), o.id, what + ": acquire and release must alternate");
                return;
            }
            drop(t, lock);
        } finally {
            k.exit(t);
        }
    }

    private void drop(LogicalThread t, LockState lock) {
        lock.owner = null;
        t.irql = lock.savedIrql;
        t.held.remove(lock);
        k.emit(t, EventType.LOCK_RELEASE, lock.id, 0, lock.kind.id());
    }

    /** Inside enter/exit: a lock taken inside a callback and still held when it returns: report, then release it. */
    void releaseHeldAtReturn(LogicalThread t) {
        LogicalThread.Frame f = t.frame;
        int mark = f == null ? 0 : f.heldMark;
        while (t.held.size() > mark) {
            LockState lock = t.held.get(t.held.size() - 1);
            try {
                k.violation(t, Rule.LOCK_HELD_AT_RETURN, lock.id, lock.describe() + " still held when the "
                        + (f == null ? "callback" : f.what) + " returned on " + t.name
                        + " (released by the runtime so the run can go on)");
            } catch (VerifierViolationException e) {
                // traced; the lock is released below either way
            }
            drop(t, lock);
        }
    }

    // ------------------------------------------------------------------ callback locks

    /**
     * {@code WdfObjectAcquireLock} on a device or queue: its callback lock, a mutex for a passive
     * object, else a spin lock that raises to DISPATCH. The lock the thread already holds (for
     * example around its own serialized callback) is the framework's {@code WDF_RECURSIVE_LOCK}
     * bug check.
     */
    void acquireObjectLock(ObjectImpl o, LockState lock, boolean passive) {
        LogicalThread t = k.current();
        k.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            if (!irql.ok(t, passive ? Irql.PASSIVE : Irql.DISPATCH, o, "WdfObjectAcquireLock")) {
                return;
            }
            if (lock.owner == t) {
                recursive(t, o.id, lock);
            }
            awaitFree(t, lock);
            take(t, lock, passive ? t.irql : Irql.DISPATCH);
        } finally {
            k.exit(t);
        }
    }

    /** {@code FxCallbackSpinLock::Lock}, {@code FxCallbackMutexLock::Lock}: the owner acquires again. */
    private void recursive(LogicalThread t, int object, LockState lock) {
        String what = lock.describe() + " acquired again by " + t.name + ", which holds it";
        k.violation(t, Rule.RECURSIVE_LOCK, object, what + ": the framework bug checks");
        throw new BugCheckException(what + ": bug check 0x10D WDF_VIOLATION, WDF_RECURSIVE_LOCK (0x2)");
    }

    /**
     * Inside enter/exit: the callback lock automatic serialization holds around a callback of
     * {@code waiter}. Waiting is traced first, so that no state changes unseen meanwhile.
     */
    void acquireCallbackLock(LogicalThread t, int waiter, LockState lock) {
        if (lock.owner == t) {
            recursive(t, waiter, lock);
        }
        if (!lock.free()) {
            k.emit(t, EventType.CALLBACK_WAIT, waiter, lock.id, 0);
            awaitFree(t, lock);
        }
        lock.owner = t;
        k.emit(t, EventType.LOCK_ACQUIRE, lock.id, 0, LockKind.CALLBACK.id());
    }

    void releaseCallbackLock(LogicalThread t, LockState lock) {
        lock.owner = null;
        k.emit(t, EventType.LOCK_RELEASE, lock.id, 0, LockKind.CALLBACK.id());
    }
}
