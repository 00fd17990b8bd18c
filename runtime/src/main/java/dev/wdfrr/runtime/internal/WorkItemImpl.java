package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemCallback;

import java.util.ArrayList;

/**
 * A work item's state machine. Two orthogonal facts describe it: whether it is queued (at most
 * once: a second enqueue coalesces) and how many callback instances are running. The queued
 * flag is cleared when a worker dequeues the item, before its callback is called, which is
 * what lets a callback re-enqueue its own item and a second instance overlap the first. All
 * fields are guarded by the kernel (engine enter/exit).
 */
final class WorkItemImpl extends ObjectImpl implements WorkItem<Object> {
    /** Who disposes a deleted item once it is idle. */
    enum Disposal {
        /** Not deleted. */
        NONE,
        /** A deleter is waiting for it to go idle and disposes it itself. */
        WAITER,
        /** Whoever ends its last callback disposes it (delete from its own callback, or deferred). */
        ON_IDLE,
        /** A dispose task is queued to the system workers. */
        TASK_QUEUED,
        /** Cleanup and destroy have run. */
        DONE
    }

    final WorkItemCallback<Object> callback;
    /** The parent's callback lock when automatic serialization applies, else null. */
    final LockState serializationLock;
    final Object context;

    boolean queued;
    int running;
    int instances;
    /** Thread that started the most recent instance: the framework's m_WorkItemThread. */
    LogicalThread latestThread;
    /** Threads running an instance right now. */
    final ArrayList<LogicalThread> runningThreads = new ArrayList<>(2);
    Disposal disposal = Disposal.NONE;

    @SuppressWarnings("unchecked")
    WorkItemImpl(Kernel kernel, int id, String name, ObjectImpl parent, WorkItemCallback<?> callback,
                 LockState serializationLock, ObjectAttributes<?> attributes, Object context) {
        super(kernel, id, name, ObjectKind.WORK_ITEM, parent, attributes.cleanup(), attributes.destroy());
        this.callback = (WorkItemCallback<Object>) callback;
        this.serializationLock = serializationLock;
        this.context = context;
    }

    /** Neither queued nor running. */
    boolean idle() {
        return !queued && running == 0;
    }

    boolean runsOn(LogicalThread t) {
        return runningThreads.contains(t);
    }

    @Override
    public boolean enqueue() {
        return kernel.enqueue(this);
    }

    @Override
    public void flush() {
        kernel.flush(this);
    }

    @Override
    public WdfObject parent() {
        if (dead) {
            kernel.useAfterDelete(this, "parent");
        }
        LogicalThread t = kernel.current();
        if (t.irql.above(Irql.DISPATCH)) {
            kernel.checkIrqlAlone(t, Irql.DISPATCH, this, "WdfWorkItemGetParentObject");
        }
        return parent;
    }

    @Override
    public Object context() {
        if (dead) {
            kernel.useAfterDelete(this, "context");
        }
        return context;
    }

    @Override
    public int instancesStarted() {
        return instances;
    }

    /** The state a delete finds, from the caller's point of view. */
    DeleteState stateFor(LogicalThread caller) {
        if (runsOn(caller)) {
            return DeleteState.RUNNING_OWN_CALLBACK;
        }
        if (running > 0) {
            return DeleteState.RUNNING_OTHER_THREAD;
        }
        return queued ? DeleteState.QUEUED : DeleteState.IDLE;
    }

    static String stateText(WorkItemImpl w) {
        if (w.destroyed) {
            return "freed";
        }
        StringBuilder sb = new StringBuilder(w.dead ? "deleted" : "alive");
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
