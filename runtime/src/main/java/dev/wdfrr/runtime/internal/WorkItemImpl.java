package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemCallback;

import java.util.ArrayList;

/**
 * A work item's state. Two orthogonal facts describe it: whether it is queued (at most once: a
 * second enqueue coalesces) and how many callback instances are running. The queued flag is
 * cleared when a worker dequeues the item, before its callback is called, which is what lets a
 * callback re-enqueue its own item and a second instance overlap the first. All fields are
 * guarded by the kernel (enter/exit); {@link WorkItems} owns the rules.
 */
final class WorkItemImpl extends ObjectImpl implements WorkItem<Object> {
    private final WorkItems items;
    final WorkItemCallback<Object> callback;
    /** The parent's callback lock when automatic serialization applies, else null. */
    final LockState serializationLock;
    final Object context;

    boolean queued;
    int running;
    int instances;
    /**
     * {@code m_WorkItemThread}: set by the thunk to the worker that dequeued an instance, before
     * it takes the callback lock, and cleared after every instance returns. A flush or delete is
     * "from the callback" only on this thread.
     */
    LogicalThread workItemThread;
    /** {@code m_RunningDown}: its disposal has begun; enqueue is refused. */
    boolean runningDown;
    /** Its rundown released the parent ({@code m_Object = NULL}): the parent reads as null. */
    boolean parentReleased;
    /** Threads running an instance right now. */
    final ArrayList<LogicalThread> runningThreads = new ArrayList<>(2);

    @SuppressWarnings("unchecked")
    WorkItemImpl(WorkItems items, Lifetime lifetime, int id, String name, ObjectImpl parent, WorkItemCallback<?> callback,
                 LockState serializationLock, ObjectAttributes<?> attributes, Object context) {
        super(lifetime, id, name, ObjectKind.WORK_ITEM, parent, attributes.cleanup(), attributes.destroy());
        this.items = items;
        this.callback = (WorkItemCallback<Object>) callback;
        this.serializationLock = serializationLock;
        this.context = context;
    }

    /** Neither queued nor running. */
    boolean idle() {
        return !queued && running == 0;
    }

    // ------------------------------------------------------------------ object-kind SPI

    @Override
    boolean quiet() {
        return idle();
    }

    @Override
    String busyText() {
        return describe() + " (" + stateText(this) + ")";
    }

    @Override
    boolean runsOn(LogicalThread t) {
        return runningThreads.contains(t);
    }

    @Override
    DeleteState deleteState(LogicalThread caller) {
        if (runsOn(caller)) {
            return DeleteState.RUNNING_OWN_CALLBACK;
        }
        if (running > 0) {
            return DeleteState.RUNNING_OTHER_THREAD;
        }
        return queued ? DeleteState.QUEUED : DeleteState.IDLE;
    }

    /** {@code FxWorkItem::Dispose}: m_RunningDown. */
    @Override
    void beginDispose() {
        runningDown = true;
    }

    /** {@code FxWorkItem::FlushAndRundown}: no wait when called on m_WorkItemThread. */
    @Override
    boolean disposeWaitSkippedFor(LogicalThread t) {
        return workItemThread == t;
    }

    /** {@code FxWorkItem::FlushAndRundown}: the reference on the parent is released (m_Object = NULL). */
    @Override
    void finishDispose() {
        parentReleased = true;
    }

    @Override
    void destroyed() {
        items.destroyed(this);
    }

    // ------------------------------------------------------------------ WorkItem

    @Override
    public boolean enqueue() {
        return items.enqueue(this);
    }

    @Override
    public void flush() {
        items.flush(this);
    }

    @Override
    public WdfObject parent() {
        return items.parentOf(this);
    }

    @Override
    public Object context() {
        return items.contextOf(this);
    }

    @Override
    public int instancesStarted() {
        return instances;
    }

    static String stateText(WorkItemImpl w) {
        if (w.destroyed) {
            return "freed";
        }
        StringBuilder sb = new StringBuilder(w.runningDown ? "running down" : w.dead ? "deleted" : "alive");
        if (w.queued) {
            sb.append(", queued");
        }
        if (w.running > 0) {
            sb.append(", ").append(w.running).append(w.running == 1 ? " instance running" : " instances running");
        }
        if (!w.queued && w.running == 0) {
            sb.append(", idle");
        }
        return sb.toString();
    }
}
