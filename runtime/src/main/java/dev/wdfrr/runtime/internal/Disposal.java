package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.ObjectCallback;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The dispose cascade of one deletion, in the framework's order:
 * <ol>
 *   <li>{@code FxObject::DisposeChildrenWorker}: for each child in turn (its own children first),
 *       the child's {@code Dispose} (a work item waits for its queued and running callbacks,
 *       {@code FxWorkItem::FlushAndRundown}) and then its cleanup callback;</li>
 *   <li>the object's own {@code Dispose} and cleanup ({@code CallCleanup});</li>
 *   <li>{@code DestroyChildren}: every child's destroy, then the object's
 *       ({@code FxObject::ProcessDestroy}). An object a callback still holds (a work item deleted
 *       from its own callback) is destroyed by that holder when it lets go
 *       ({@code FxObject::FinalRelease}).</li>
 * </ol>
 * Every step is traced before its callback runs; callbacks run at PASSIVE, outside enter/exit.
 */
final class Disposal {
    private final Kernel k;
    /** The dispose list: a deferred delete of an object this cascade reaches is done here instead. */
    private final Collection<ObjectImpl> deferred;

    Disposal(Kernel k, Collection<ObjectImpl> deferred) {
        this.k = k;
        this.deferred = deferred;
    }

    /** Outside enter/exit: disposes {@code root} and its subtree on the calling thread. */
    void dispose(LogicalThread t, ObjectImpl root) {
        List<ObjectImpl> mine = new ArrayList<>();
        List<ObjectImpl> order = new ArrayList<>();
        k.enter(t, EventType.RUNDOWN, root.id);
        try {
            collect(t, root, mine, order);
        } finally {
            k.exit(t);
        }
        for (ObjectImpl o : order) {
            if (o.disposer == t) {
                disposeOne(t, o);
            } else {
                awaitCleanedUp(t, o);
            }
        }
        for (ObjectImpl o : mine) {
            requestDestroy(t, o);
        }
    }

    /**
     * Post-order: each child's subtree before the child, every child before its parent. A child
     * another thread is already disposing (deleted from its own callback) stays in the order, to
     * be waited for; one waiting on the dispose list is taken from it and disposed here.
     */
    private void collect(LogicalThread t, ObjectImpl o, List<ObjectImpl> mine, List<ObjectImpl> order) {
        if (o.destroyed) {
            return;
        }
        if (o.disposer != null) {
            if (o.disposer != t && !o.cleanedUp) {
                order.add(o);
            }
            return;
        }
        deferred.remove(o);
        o.disposer = t;
        for (ObjectImpl c : new ArrayList<>(o.children)) {
            collect(t, c, mine, order);
        }
        mine.add(o);
        order.add(o);
    }

    private void awaitCleanedUp(LogicalThread t, ObjectImpl o) {
        k.enter(t, EventType.RUNDOWN, o.id);
        try {
            k.await(t, Wait.of(() -> o.cleanedUp, () -> "the cleanup of " + o.describe() + " on " + o.disposer.name), -1);
        } finally {
            k.exit(t);
        }
    }

    /** The object's {@code Dispose} (rundown, then the wait for its callbacks) and its cleanup callback. */
    private void disposeOne(LogicalThread t, ObjectImpl o) {
        Irql saved;
        k.enter(t, EventType.RUNDOWN, o.id);
        try {
            o.beginDispose();
            // FxWorkItem::FlushAndRundown: no wait when the disposing thread is the item's m_WorkItemThread
            boolean wait = !o.quiet() && !o.disposeWaitSkippedFor(t);
            k.emit(t, EventType.RUNDOWN, o.id, 0, wait ? 1 : 0);
            if (wait) {
                if (o.runsOn(t)) {
                    k.violation(t, Rule.DELETE_WAITS_ON_ITSELF, o.id, "the deletion of " + o.describe() + " on " + t.name
                            + " waits for its callbacks, one of which runs on " + t.name
                            + " itself: the framework does not see its own thread here and waits forever ("
                            + o.busyText() + ")");
                }
                k.await(t, Wait.of(o::quiet, () -> "the rundown of " + o.busyText()), -1);
            }
            o.finishDispose();
            k.emit(t, EventType.CLEANUP, o.id, 0, 0);
            o.cleanedUp = true;
            saved = t.irql;
            t.irql = Irql.PASSIVE;
        } finally {
            k.exit(t);
        }
        run(t, o, o.cleanup, "cleanup callback of ");
        t.irql = saved;
    }

    /** {@code DestroyChildren}/{@code RELEASE}: destroy now, or leave it to the callback that still holds it. */
    private void requestDestroy(LogicalThread t, ObjectImpl o) {
        k.enter(t, EventType.DESTROY, o.id);
        boolean now;
        try {
            now = !o.destroyRequested && !o.destroyed;
            o.destroyRequested = true;
            now &= o.quiet();
        } finally {
            k.exit(t);
        }
        if (now) {
            destroyNow(t, o);
        }
    }

    /** Inside enter/exit: the holder of a deleted object let go; says whether it must destroy it now. */
    boolean releasedLocked(ObjectImpl o) {
        return o.destroyRequested && !o.destroyed && o.quiet();
    }

    /**
     * {@code FxObject::ProcessDestroy}: the destroy callback runs "before any destructor", with
     * access to a whole object (its context and handle), then the memory is gone.
     */
    void destroyNow(LogicalThread t, ObjectImpl o) {
        destroyNow(t, o, () -> { });
    }

    /** As {@link #destroyNow(LogicalThread, ObjectImpl)}; {@code lastly} runs in its last step, inside enter/exit. */
    void destroyNow(LogicalThread t, ObjectImpl o, Runnable lastly) {
        Irql saved;
        k.enter(t, EventType.DESTROY, o.id);
        try {
            if (o.destroyed || o.destroying) {
                lastly.run();
                return;
            }
            o.destroying = true;
            k.emit(t, EventType.DESTROY, o.id, 0, 0);
            saved = t.irql;
            t.irql = Irql.PASSIVE;
            o.parent.children.remove(o);
            o.destroyed();
            o.destroyed = o.destroy == null;
            if (o.destroyed) {
                lastly.run();
            }
        } finally {
            k.exit(t);
        }
        if (o.destroy != null) {
            run(t, o, o.destroy, "destroy callback of ");
            k.enter(t, EventType.DESTROY, o.id);
            try {
                o.destroyed = true; // freed once the callback has returned
                lastly.run();
            } finally {
                k.exit(t);
            }
        }
        t.irql = saved;
    }

    private void run(LogicalThread t, ObjectImpl o, ObjectCallback callback, String what) {
        if (callback != null) {
            k.invoke(t, what + o.describe(), () -> {
                callback.run(o);
                return true;
            });
        }
    }
}
