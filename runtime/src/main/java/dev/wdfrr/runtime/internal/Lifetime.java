package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.ObjectCallback;
import dev.wdfrr.runtime.wdf.WdfObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Object lifetime, as the framework's {@code FxObject} and {@code FxDisposeList} keep it: the
 * object tree under the driver, general objects ({@code WdfObjectCreate}), delete, the wait for
 * running callbacks, dispose (cleanup then destroy, children before parent) and the deferred
 * disposals handed to a passive worker.
 *
 * <p>It knows no object kind: what it needs of one (is it quiet, does it run on this thread,
 * stop taking work, it was destroyed) it asks through the SPI on {@link ObjectImpl}. A kind
 * with its own delete rules passes them to {@link #delete(ObjectImpl, DeleteStep)}. Deferred
 * disposals run on whatever {@link DeferredDisposer} the facade wired in (the system workers).
 */
final class Lifetime {
    /** Runs a deferred disposal on a passive system thread ({@code FxDisposeList}'s work item). */
    interface DeferredDisposer {
        /** Inside enter/exit: queue {@link #runDeferred} of {@code o} for a system worker. */
        void post(ObjectImpl o);
    }

    /** The locked part of a delete. @return true when the deleting thread must dispose now */
    @FunctionalInterface
    interface DeleteStep {
        boolean run(LogicalThread t, ObjectImpl o);
    }

    private final Kernel k;
    private final IrqlRules irql;
    private final Contexts contexts;
    private final DriverImpl driver;
    private final ArrayList<ObjectImpl> pendingDisposals = new ArrayList<>();
    private DeferredDisposer disposer;

    Lifetime(Kernel k, IrqlRules irql, Contexts contexts) {
        this.k = k;
        this.irql = irql;
        this.contexts = contexts;
        this.driver = new DriverImpl(this, k.newObjectId());
        k.addActivity(new Kernel.Activity() {
            @Override
            public boolean quiet() {
                return pendingDisposals.isEmpty();
            }

            @Override
            public void describe(StringBuilder out) {
                if (!pendingDisposals.isEmpty()) {
                    out.append(", deferred deletion of ").append(pendingDisposals.get(0).describe())
                            .append(" waiting for ").append(firstBusy(pendingDisposals.get(0)));
                }
            }
        });
    }

    void useDisposer(DeferredDisposer disposer) {
        this.disposer = disposer;
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
            ObjectImpl parent = parentOrDriver(attributes == null ? null : attributes.parent());
            requireAlive(parent, "WdfObjectCreate");
            Object context = Contexts.instantiate(attributes == null ? null : attributes.contextType());
            int id = k.newObjectId();
            String name = attributes != null && attributes.name() != null ? attributes.name() : "object-" + id;
            ObjectImpl o = new ObjectImpl(this, id, name, ObjectKind.GENERIC, parent,
                    attributes == null ? null : attributes.cleanup(), attributes == null ? null : attributes.destroy());
            adopt(t, o, ObjectKind.GENERIC);
            contexts.attach(t, o, context);
            return o;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ delete

    /** {@code WdfObjectDelete} of an object without delete rules of its own: it and its subtree. */
    void delete(ObjectImpl o) {
        delete(o, this::deleteTreeLocked);
    }

    /** {@code WdfObjectDelete}: the IRQL check, the kind's locked step, then dispose if it says so. */
    void delete(ObjectImpl o, DeleteStep step) {
        LogicalThread t = k.current();
        k.enter(t, EventType.DELETE, o.id);
        boolean disposeNow = false;
        try {
            if (!irql.ok(t, Irql.DISPATCH, o, "WdfObjectDelete")) {
                return;
            }
            disposeNow = step.run(t, o);
        } finally {
            k.exit(t);
        }
        if (disposeNow) {
            dispose(t, o);
        }
    }

    private boolean deleteTreeLocked(LogicalThread t, ObjectImpl o) {
        if (o.dead) {
            k.violation(t, Rule.USE_AFTER_DELETE, o.id, "WdfObjectDelete on " + o.describe() + " after it was deleted");
            return false;
        }
        markDead(o);
        ObjectImpl own = runningOn(o, t, null);
        boolean deferred = t.irql == Irql.DISPATCH || own != null || t.frame != null && t.kind != ThreadKind.WORKER;
        k.emit(t, EventType.DELETE, o.id, 0, DeleteState.IDLE.id() | (deferred ? DeleteState.DEFERRED_FLAG : 0));
        if (own != null) {
            k.violation(t, Rule.DELETE_WAITS_ON_ITSELF, o.id, "deletion of " + o.describe()
                    + " from the callback of its child " + own.describe() + " on " + t.name + " would wait on itself");
        }
        if (deferred) {
            defer(o);
            return false;
        }
        awaitQuiet(t, o);
        return true;
    }

    /** The dead flag and rundown, for the object and every descendant. */
    void markDead(ObjectImpl o) {
        o.dead = true;
        o.rundown();
        for (ObjectImpl c : o.children) {
            markDead(c);
        }
    }

    /** The last object, in pre-order, of the subtree whose callback runs on {@code t}, or null. */
    private static ObjectImpl runningOn(ObjectImpl o, LogicalThread t, ObjectImpl found) {
        if (o.runsOn(t)) {
            found = o;
        }
        for (ObjectImpl c : o.children) {
            found = runningOn(c, t, found);
        }
        return found;
    }

    static boolean subtreeQuiet(ObjectImpl o) {
        if (!o.quiet()) {
            return false;
        }
        for (ObjectImpl c : o.children) {
            if (!subtreeQuiet(c)) {
                return false;
            }
        }
        return true;
    }

    private static String firstBusy(ObjectImpl o) {
        if (!o.quiet()) {
            return o.busyText();
        }
        for (ObjectImpl c : o.children) {
            String b = firstBusy(c);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Inside enter/exit: blocks the deleting thread until nothing of the subtree is queued or running. */
    void awaitQuiet(LogicalThread t, ObjectImpl o) {
        k.await(t, Wait.of(() -> subtreeQuiet(o), () -> "deletion of " + o.describe() + " waiting for "
                + firstBusy(o)), -1);
    }

    // ------------------------------------------------------------------ deferred disposal (FxDisposeList)

    /** Inside enter/exit: dispose {@code o} on a system worker once its subtree is quiet. */
    void defer(ObjectImpl o) {
        pendingDisposals.add(o);
        queueReadyDisposals();
    }

    /** Hands every deferred disposal whose subtree went quiet to the system workers. */
    void queueReadyDisposals() {
        for (int i = 0; i < pendingDisposals.size(); i++) {
            ObjectImpl o = pendingDisposals.get(i);
            if (subtreeQuiet(o)) {
                pendingDisposals.remove(i--);
                disposer.post(o);
            }
        }
    }

    /** On a system worker, outside enter/exit: a deferred disposal, then its end event. */
    void runDeferred(LogicalThread t, ObjectImpl target) {
        dispose(t, target);
        k.enter(t, EventType.DISPOSE_END, target.id);
        try {
            k.workEnded();
            k.emit(t, EventType.DISPOSE_END, target.id, 0, 0);
            queueReadyDisposals();
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ dispose

    /**
     * Cleanup then destroy, children before parent: every descendant's cleanup, then every
     * descendant's destroy, then the object's own cleanup and destroy. Each step is traced
     * before its callback runs. Outside enter/exit.
     */
    void dispose(LogicalThread t, ObjectImpl root) {
        List<ObjectImpl> order = new ArrayList<>();
        k.enter(t, EventType.CLEANUP, root.id);
        try {
            collectForDisposal(root, order);
        } finally {
            k.exit(t);
        }
        for (ObjectImpl o : order) {
            if (o != root) {
                runDisposeStep(t, o, EventType.CLEANUP, o.cleanup);
            }
        }
        for (ObjectImpl o : order) {
            if (o != root) {
                runDisposeStep(t, o, EventType.DESTROY, o.destroy);
            }
        }
        runDisposeStep(t, root, EventType.CLEANUP, root.cleanup);
        runDisposeStep(t, root, EventType.DESTROY, root.destroy);
    }

    /** Post-order, skipping objects someone else already disposes or disposed. */
    private static void collectForDisposal(ObjectImpl o, List<ObjectImpl> out) {
        if (o.destroyed || o.disposing) {
            return;
        }
        o.disposing = true;
        for (ObjectImpl c : new ArrayList<>(o.children)) {
            collectForDisposal(c, out);
        }
        out.add(o);
    }

    private void runDisposeStep(LogicalThread t, ObjectImpl o, EventType step, ObjectCallback callback) {
        if (!o.disposing) {
            return;
        }
        Irql saved;
        k.enter(t, step, o.id);
        try {
            k.emit(t, step, o.id, 0, 0);
            saved = t.irql;
            t.irql = Irql.PASSIVE;
            if (step == EventType.DESTROY) {
                o.destroyed = true;
                if (o.parent != null) {
                    o.parent.children.remove(o);
                }
                o.destroyed();
            }
        } finally {
            k.exit(t);
        }
        if (callback != null) {
            k.invoke(t, (step == EventType.CLEANUP ? "cleanup callback of " : "destroy callback of ") + o.describe(), () -> {
                callback.run(o);
                return true;
            });
        }
        t.irql = saved;
    }
}
