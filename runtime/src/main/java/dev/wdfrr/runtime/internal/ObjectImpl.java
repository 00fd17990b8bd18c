package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ObjectCallback;
import dev.wdfrr.runtime.wdf.WdfObject;

import java.util.ArrayList;

/**
 * Common state of every framework object (the framework's {@code FxObject}): identity, the
 * parent/child tree, the deleted flag and the cleanup/destroy callbacks. Guarded by the kernel;
 * {@link #dead} is volatile so fast paths can read it without entering.
 *
 * <p>The methods below the constructor are the <b>object-kind SPI</b>: what {@link Lifetime}
 * asks of an object whose kind it does not know. An object kind that queues or runs driver code
 * overrides them; the defaults fit a passive object (a lock, a general object).
 */
class ObjectImpl implements WdfObject {
    final Lifetime lifetime;
    final int id;
    final String name;
    final ObjectKind kind;
    final ObjectImpl parent;
    final ArrayList<ObjectImpl> children = new ArrayList<>(2);
    final ObjectCallback cleanup;
    final ObjectCallback destroy;
    /** Delete was called on it or an ancestor ({@link #isDeleted()}). */
    volatile boolean dead;
    /** {@code WdfObjectDelete} was called on this very object (or the framework deleted it). */
    boolean deleteCalled;
    /** The thread whose dispose cascade took it, or null (guards against disposing twice). */
    LogicalThread disposer;
    /** Its cleanup step has been traced: its cleanup callback runs or ran. */
    boolean cleanedUp;
    /** Its cascade asked for its destroy; it happens once nothing holds it ({@code FinalRelease}). */
    boolean destroyRequested;
    /** Its destroy step has begun. */
    boolean destroying;
    /** The destroy callback has returned: the memory is gone, any call on the handle is a bug check. */
    volatile boolean destroyed;
    /** Contexts, type and instance in turn; replaced whole (under the kernel) so readers need no lock. */
    private volatile Object[] contexts = NO_CONTEXTS;
    private static final Object[] NO_CONTEXTS = {};

    ObjectImpl(Lifetime lifetime, int id, String name, ObjectKind kind, ObjectImpl parent,
               ObjectCallback cleanup, ObjectCallback destroy) {
        this.lifetime = lifetime;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.parent = parent;
        this.cleanup = cleanup;
        this.destroy = destroy;
    }

    // ------------------------------------------------------------------ object-kind SPI

    /** Nothing of this object is queued or running: its disposal may go ahead. */
    boolean quiet() {
        return true;
    }

    /** What keeps it from being quiet, for reports ("work item 'rx' (#5) (deleted, queued)"). */
    String busyText() {
        return describe();
    }

    /** One of this object's callbacks runs on {@code t}. */
    boolean runsOn(LogicalThread t) {
        return false;
    }

    /** The framework deletes this object itself; {@code WdfObjectDelete} on it is refused ({@code IsNoDeleteDDI}). */
    boolean noDeleteDdi() {
        return false;
    }

    /** What a delete from {@code caller} finds, for the delete event. Inside enter/exit. */
    DeleteState deleteState(LogicalThread caller) {
        return DeleteState.IDLE;
    }

    /** Deletion reached this object (on it or an ancestor): take no more work from the hardware. Inside enter/exit. */
    void deleteReached() {
    }

    /** The kind's {@code Dispose} begins (a work item's {@code m_RunningDown}). Inside enter/exit. */
    void beginDispose() {
    }

    /** The disposing thread {@code t} need not wait for this object's callbacks (it is one of them). */
    boolean disposeWaitSkippedFor(LogicalThread t) {
        return false;
    }

    /** The kind's {@code Dispose} has waited; its cleanup callback comes next. Inside enter/exit. */
    void finishDispose() {
    }

    /** Its destroy step: gone from the tree and from its component's lists. Inside enter/exit. */
    void destroyed() {
    }

    // ------------------------------------------------------------------ WdfObject

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ObjectKind kind() {
        return kind;
    }

    @Override
    public void delete() {
        lifetime.delete(this);
    }

    @Override
    public boolean isDeleted() {
        return dead;
    }

    @Override
    public <T> T context(Class<T> type) {
        return Contexts.get(this, type);
    }

    @Override
    public <T> T allocateContext(Class<T> type) {
        return lifetime.contexts().allocate(this, type);
    }

    /** The context of exactly this type, or null. */
    Object contextOf(Class<?> type) {
        Object[] c = contexts;
        for (int i = 0; i < c.length; i += 2) {
            if (c[i] == type) {
                return c[i + 1];
            }
        }
        return null;
    }

    /** Inside enter/exit: attaches a context (one per type; the caller checked). */
    void addContext(Object context) {
        Object[] c = java.util.Arrays.copyOf(contexts, contexts.length + 2);
        c[c.length - 2] = context.getClass();
        c[c.length - 1] = context;
        contexts = c;
    }

    /** The nearest object at or above this one that has a synchronization scope, or null. */
    SyncOwner nearestSyncOwner() {
        for (ObjectImpl o = this; o != null; o = o.parent) {
            if (o instanceof SyncOwner s) {
                return s;
            }
        }
        return null;
    }

    /** The object's own execution level is Passive ({@code FxObject::IsPassiveCallbacks}). */
    boolean passiveCallbacks() {
        return false;
    }

    /** Nearest device at or above this object, or null when there is none. */
    DeviceImpl deviceAncestor() {
        for (ObjectImpl o = this; o != null; o = o.parent) {
            if (o instanceof DeviceImpl d) {
                return d;
            }
        }
        return null;
    }

    /** "work item 'rx' (#7)". */
    String describe() {
        return kind.label() + " '" + name + "' (#" + id + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
