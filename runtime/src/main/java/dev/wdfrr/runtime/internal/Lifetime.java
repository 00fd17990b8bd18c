package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfObject;

import java.util.ArrayDeque;

/**
 * Object lifetime, as the framework's {@code FxObject} and {@code FxDisposeList} keep it: the
 * object tree under the driver, general objects ({@code WdfObjectCreate}), and
 * {@code WdfObjectDelete}: the delete call, the dispose cascade ({@link Disposal}) and the
 * dispose list, which runs deletes made at DISPATCH on a passive system thread of its own.
 *
 * <p>It knows no object kind: what it needs of one it asks through the SPI on
 * {@link ObjectImpl}.
 */
final class Lifetime {
    private final Kernel k;
    private final IrqlRules irql;
    private final Contexts contexts;
    private final DriverImpl driver;
    private final Disposal disposal;
    /** Deletes made at DISPATCH, in order ({@code FxDisposeList}); drained by the dispose thread. */
    private final ArrayDeque<ObjectImpl> disposeList = new ArrayDeque<>();
    private LogicalThread disposeThread;
    private int draining;
    /** Raised when an object joins {@link #disposeList}: the dispose thread's idle wait. */
    private final Signal deferred = new Signal();
    /** Raised when a disposal ends: the dispose list may have become quiet. */
    private final Signal disposed = new Signal();

    Lifetime(Kernel k, IrqlRules irql, Contexts contexts) {
        this.k = k;
        this.irql = irql;
        this.contexts = contexts;
        this.driver = new DriverImpl(this, k.newObjectId());
        this.disposal = new Disposal(k, disposeList);
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                return disposeList.isEmpty() && draining == 0;
            }

            @Override
            public void describe(StringBuilder out) {
                if (!disposeList.isEmpty()) {
                    out.append(", deferred deletion of ").append(disposeList.peek().describe());
                }
            }

            @Override
            public Signal signal() {
                // While one is draining, quiet needs its end; otherwise a cascade may take the
                // waiting ones off the list (Disposal), which promises no raise.
                return draining > 0 ? disposed : null;
            }
        });
    }

    DriverImpl driver() {
        return driver;
    }

    /** The first events of a run: the runtime thread's name and the driver object. */
    void announce(LogicalThread rt) {
        k.name(rt, NameKind.THREAD, rt.id, rt.name);
        k.nameObject(rt, driver.id, driver.name);
        k.emit(rt, EventType.OBJECT_CREATE, driver.id, 0, ObjectKind.DRIVER.id());
    }

    // ------------------------------------------------------------------ the tree

    ObjectImpl parentOrDriver(WdfObject parent) {
        if (parent == null) {
            return driver;
        }
        if (!(parent instanceof ObjectImpl o) || o.lifetime != this) {
            throw new IllegalArgumentException("parent " + parent + " does not belong to this runtime");
        }
        return o;
    }

    /** {@code FxObject::AddChildObjectInternal}: no child is added to an object whose deletion has begun. */
    static void requireAlive(ObjectImpl parent, String call) {
        if (parent.dead) {
            throw new WdfException(NtStatus.DELETE_PENDING, call + ": parent " + parent.describe() + " is deleted");
        }
    }

    /** Inside enter/exit: links a new object under its parent and traces its creation. */
    void adopt(LogicalThread t, ObjectImpl child, ObjectKind kind) {
        child.parent.children.add(child);
        k.nameObject(t, child.id, child.name);
        k.emit(t, EventType.OBJECT_CREATE, child.id, child.parent.id, kind.id());
    }

    /** Object contexts: attached at create time by each kind's component, allocated later by any object. */
    Contexts contexts() {
        return contexts;
    }

    /** {@code WdfObjectCreate}: a general object, useful as a parent. */
    WdfObject createObject(ObjectAttributes<?> attributes) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.DISPATCH, null, "WdfObjectCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfObjectCreate above DISPATCH");
            }
            ObjectAttributes<?> a = attributes == null ? ObjectAttributes.none() : attributes;
            ObjectImpl parent = parentOrDriver(a.parent());
            requireAlive(parent, "WdfObjectCreate");
            Object context = Contexts.instantiate(attributes == null ? null : attributes.contextType());
            int id = k.newObjectId();
            ObjectImpl o = new GeneralObjectImpl(this, id, a.name() != null ? a.name() : "object-" + id, parent, a);
            adopt(t, o, ObjectKind.GENERIC);
            contexts.attach(t, o, context);
            return o;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ delete

    /** {@code WdfObjectDelete}, the driver's call. */
    void delete(ObjectImpl o) {
        delete(o, false);
    }

    /**
     * {@code WdfObjectDelete} ({@code FxObject::DeleteObject}), or the framework's own delete of
     * an object the driver may not delete ({@code frameworkDelete}, as on device removal): marks
     * the subtree deleted, then disposes it on this thread, or at DISPATCH on the dispose thread.
     */
    void delete(ObjectImpl o, boolean frameworkDelete) {
        LogicalThread t = k.current();
        k.enter(t, EventType.DELETE, o.id);
        boolean disposeNow;
        try {
            if (!irql.ok(t, Irql.DISPATCH, o, "WdfObjectDelete")) {
                return;
            }
            disposeNow = deleteLocked(t, o, frameworkDelete);
        } finally {
            k.exit(t);
        }
        if (disposeNow) {
            disposal.dispose(t, o);
        }
    }

    /** @return true when the calling thread disposes the object now */
    private boolean deleteLocked(LogicalThread t, ObjectImpl o, boolean frameworkDelete) {
        if (o.destroyed) {
            useOfFreedHandle(t, o, "WdfObjectDelete");
        }
        if (!frameworkDelete && o.noDeleteDdi()) {
            // WdfObjectDelete: pObject->IsNoDeleteDDI() → FxVerifierDbgBreakPoint, nothing deleted
            k.violation(t, Rule.NO_DELETE_DDI, o.id, "WdfObjectDelete on " + o.describe()
                    + ": the framework deletes this object itself and refuses the call (IsNoDeleteDDI); nothing is deleted");
            return false;
        }
        if (o.deleteCalled) {
            k.emit(t, EventType.DELETE, o.id, 0, DeleteState.DELETED.id());
            k.violation(t, Rule.USE_AFTER_DELETE, o.id, "WdfObjectDelete on " + o.describe()
                    + " a second time: the framework ignores it (a checked build asserts)");
            return false;
        }
        o.deleteCalled = true;
        if (o.dead) {
            // FxObject::DeleteObject in a disposing state: the parent's deletion disposes it
            k.emit(t, EventType.DELETE, o.id, 0, DeleteState.PARENT_DELETING.id());
            return false;
        }
        markDead(o);
        // FxObject::ShouldDeferDisposeLocked: a passive-dispose object deleted above PASSIVE goes to the dispose list
        boolean deferred = t.irql != Irql.PASSIVE;
        k.emit(t, EventType.DELETE, o.id, 0, o.deleteState(t).id() | (deferred ? DeleteState.DEFERRED_FLAG : 0));
        if (deferred) {
            defer(t, o);
            return false;
        }
        return true;
    }

    /** Inside enter/exit: a call on a destroyed handle; the real kernel bug checks. */
    void useOfFreedHandle(LogicalThread t, ObjectImpl o, String call) {
        k.violation(t, Rule.USE_AFTER_DELETE, o.id, call + " on " + o.describe() + " after it was destroyed (freed)");
        throw new BugCheckException(call + " on the freed handle of " + o.describe()
                + ": the kernel would bug check here");
    }

    /** The dead flag and rundown, for the object and every descendant. */
    private static void markDead(ObjectImpl o) {
        o.dead = true;
        o.deleteReached();
        for (ObjectImpl c : o.children) {
            markDead(c);
        }
    }

    /**
     * Outside enter/exit: disposes {@code o} and its subtree on this thread, the way the
     * framework disposes an object it owns (a completed request): no delete event, the cascade
     * as for a delete.
     */
    void dispose(LogicalThread t, ObjectImpl o) {
        disposal.dispose(t, o);
    }

    /** After an instance of {@code o} ended: destroy it now if its deletion left that to the last holder. */
    boolean releasedLocked(ObjectImpl o) {
        return disposal.releasedLocked(o);
    }

    /**
     * Outside enter/exit, after {@link #releasedLocked} said so: the destroy step; {@code lastly}
     * runs inside its last locked section (the holder's end of work, so that the run does not
     * look quiescent while the destroy is still to come).
     */
    void destroyReleased(LogicalThread t, ObjectImpl o, Runnable lastly) {
        disposal.destroyNow(t, o, lastly);
    }

    // ------------------------------------------------------------------ the dispose list (FxDisposeList)

    /** Inside enter/exit: {@code FxObject::QueueDeferredDisposeLocked}, drained in order by the dispose thread. */
    private void defer(LogicalThread t, ObjectImpl o) {
        disposeList.add(o);
        deferred.raise();
        if (disposeThread == null) {
            // FxDisposeList drains on a system work item of its own, one object after another
            disposeThread = k.newThread(t, "dispose", ThreadKind.WORKER, -1);
            LogicalThread d = disposeThread;
            k.start(d, () -> drainLoop(d));
        }
    }

    private void drainLoop(LogicalThread t) {
        Wait pending = Wait.idle(() -> !disposeList.isEmpty(), "deferred disposals", () -> deferred);
        for (;;) {
            ObjectImpl o;
            k.enterWaiting(t, EventType.DISPOSE_START, pending);
            try {
                k.await(t, pending, -1);
                o = disposeList.poll();
                draining++;
                k.emit(t, EventType.DISPOSE_START, o.id, 0, 0);
            } finally {
                k.exit(t);
            }
            disposal.dispose(t, o);
            k.enter(t, EventType.DISPOSE_END, o.id);
            try {
                draining--;
                disposed.raise();
                k.emit(t, EventType.DISPOSE_END, o.id, 0, 0);
            } finally {
                k.exit(t);
            }
        }
    }
}
