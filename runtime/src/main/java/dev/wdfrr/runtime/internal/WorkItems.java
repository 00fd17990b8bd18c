package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemCallback;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * Work items, as the framework's {@code FxWorkItem} runs them: create, enqueue (coalescing while
 * queued), flush, delete in each state, and the system worker threads that dequeue items and
 * call their callbacks (the thunk). The workers also run the deferred disposals {@link Lifetime}
 * posts, as the framework's dispose list does on a system work item.
 */
final class WorkItems {
    private final Kernel k;
    private final IrqlRules irql;
    private final Locks locks;
    private final Lifetime lifetime;
    /** Items and deferred disposals, in FIFO order; one queue shared by all workers. */
    private final ArrayDeque<Object> workQueue = new ArrayDeque<>();
    /** Every item not yet destroyed: the leak check's list. */
    private final ArrayList<WorkItemImpl> workItems = new ArrayList<>();

    /** A disposal handed to a system worker because it was deferred (DISPATCH, or own callback). */
    private record DisposeTask(ObjectImpl target) {
    }

    WorkItems(Kernel k, IrqlRules irql, Locks locks, Lifetime lifetime) {
        this.k = k;
        this.irql = irql;
        this.locks = locks;
        this.lifetime = lifetime;
        lifetime.useDisposer(o -> workQueue.add(new DisposeTask(o)));
        k.addActivity(new Kernel.Activity() {
            @Override
            public boolean quiet() {
                return workQueue.isEmpty();
            }

            @Override
            public void describe(StringBuilder out) {
                out.append(", ").append(workQueue.size()).append(" queued work items");
            }
        });
        k.onShutdown(this::leakCheck);
    }

    /** Registers the system worker threads (the framework's DelayedWorkQueue). */
    void startWorkers(LogicalThread creator) {
        for (int i = 0; i < k.config().workers(); i++) {
            LogicalThread w = k.newThread(creator, "worker-" + i, ThreadKind.WORKER, -1);
            k.start(w, () -> workerLoop(w));
        }
    }

    // ------------------------------------------------------------------ create

    /** {@code WdfWorkItemCreate}. */
    @SuppressWarnings("unchecked")
    <C> WorkItem<C> create(WorkItemConfig<C> config, ObjectAttributes<C> attributes) {
        LogicalThread t = k.current();
        k.enter(t, EventType.WORKITEM_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.DISPATCH, null, "WdfWorkItemCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfWorkItemCreate called at " + t.irql);
            }
            if (config == null || config.callback() == null) {
                throw new WdfException(NtStatus.INVALID_PARAMETER,
                        "WdfWorkItemCreate: invalid parameter: the config has no EvtWorkItem callback");
            }
            if (attributes == null || attributes.parent() == null) {
                throw new WdfException(NtStatus.WDF_PARENT_NOT_SPECIFIED,
                        "WdfWorkItemCreate: parent not specified: a work item needs a parent object");
            }
            ObjectImpl parent = lifetime.parentOrDriver(attributes.parent());
            Lifetime.requireAlive(parent, "WdfWorkItemCreate");
            if (parent.deviceAncestor() == null) {
                throw new WdfException(NtStatus.INVALID_DEVICE_REQUEST, "WdfWorkItemCreate: invalid device request: parent "
                        + parent.describe() + " has no device among its ancestors");
            }
            LockState lock = config.automaticSerialization() ? serializationLock(t, parent) : null;
            Object context = Contexts.instantiate(attributes.contextType());
            int id = k.newObjectId();
            String name = attributes.name() != null ? attributes.name() : "workitem-" + id;
            WorkItemImpl w = new WorkItemImpl(this, lifetime, id, name, parent, config.callback(), lock, attributes, context);
            register(t, w, lock != null);
            lifetime.contexts().attach(t, w, context);
            return (WorkItem<C>) (WorkItem<?>) w;
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: the work item an object owns (an interrupt's), created with it. */
    WorkItemImpl createOwned(LogicalThread t, ObjectImpl owner, WorkItemCallback<?> callback) {
        int id = k.newObjectId();
        WorkItemImpl w = new WorkItemImpl(this, lifetime, id, owner.name + ".workitem", owner, callback, null,
                ObjectAttributes.parent(owner), null);
        register(t, w, false);
        return w;
    }

    private void register(LogicalThread t, WorkItemImpl w, boolean serialized) {
        w.parent.children.add(w);
        workItems.add(w);
        k.nameObject(t, w.id, w.name);
        k.emit(t, EventType.WORKITEM_CREATE, w.id, w.parent.id, serialized ? 1 : 0);
    }

    /**
     * The callback lock automatic serialization takes, found on the nearest device or queue; null
     * when its scope is None. A scope whose execution level is not Passive fails the create.
     */
    private LockState serializationLock(LogicalThread t, ObjectImpl parent) {
        SyncOwner owner = parent.nearestSyncOwner();
        SyncScope scope = owner.effectiveScope();
        if (scope == SyncScope.NONE) {
            return null;
        }
        ExecutionLevel level = owner.effectiveLevel();
        if (level != ExecutionLevel.PASSIVE) {
            String message = "automatic serialization under " + owner.describe() + " with synchronization scope "
                    + scope + " needs execution level PASSIVE, but it is " + level
                    + " (create fails: incompatible execution level)";
            k.violation(t, Rule.INCOMPATIBLE_EXECUTION_LEVEL, owner.id(), message);
            throw new WdfException(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL, "WdfWorkItemCreate: " + message);
        }
        return owner.scopeLock();
    }

    // ------------------------------------------------------------------ enqueue, flush, delete

    /** {@code WdfWorkItemEnqueue}. */
    boolean enqueue(WorkItemImpl w) {
        LogicalThread t = k.current();
        k.enter(t, EventType.ENQUEUE, w.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, w, "WdfWorkItemEnqueue")) {
                return false;
            }
            return enqueueLocked(t, w, 0, "WdfWorkItemEnqueue");
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: queue unless already queued (coalesced); {@code related} is traced. */
    boolean enqueueLocked(LogicalThread t, WorkItemImpl w, int related, String call) {
        if (w.dead) {
            useAfterDeleteLocked(t, w, call);
            return false;
        }
        boolean queued = !w.queued;
        if (queued) {
            w.queued = true;
            workQueue.add(w);
        }
        k.emit(t, EventType.ENQUEUE, w.id, related, queued ? 1 : 0);
        return queued;
    }

    /** {@code WdfWorkItemFlush}. */
    void flush(WorkItemImpl w) {
        LogicalThread t = k.current();
        k.enter(t, EventType.FLUSH_START, w.id);
        try {
            if (!irql.ok(t, Irql.PASSIVE, w, "WdfWorkItemFlush")) {
                return;
            }
            if (w.dead) {
                useAfterDeleteLocked(t, w, "WdfWorkItemFlush");
                return;
            }
            k.emit(t, EventType.FLUSH_START, w.id, 0, 0);
            if (w.runsOn(t)) {
                if (w.latestThread == t) {
                    k.violation(t, Rule.FLUSH_FROM_OWN_CALLBACK, w.id, "WdfWorkItemFlush called from the callback of "
                            + w.describe() + " on " + t.name + ": waiting would lead to deadlock, so it returns at once (state: "
                            + WorkItemImpl.stateText(w) + ")");
                } else {
                    k.violation(t, Rule.DELETE_WAITS_ON_ITSELF, w.id, "WdfWorkItemFlush of " + w.describe()
                            + " from its instance on " + t.name + " would wait on itself: a later instance started on "
                            + w.latestThread.name + ", so the framework does not detect it and hangs (state: "
                            + WorkItemImpl.stateText(w) + ")");
                }
                k.emit(t, EventType.FLUSH_END, w.id, 0, 0);
                return;
            }
            boolean waited = !w.idle();
            if (waited) {
                k.await(t, Wait.of(w::idle, () -> "flush of " + w.describe() + " ("
                        + WorkItemImpl.stateText(w) + ")"), -1);
            }
            k.emit(t, EventType.FLUSH_END, w.id, 0, waited ? 1 : 0);
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfObjectDelete} on a work item. */
    void delete(WorkItemImpl w) {
        lifetime.delete(w, (t, o) -> deleteLocked(t, w));
    }

    /** @return true when the caller must dispose the item now */
    private boolean deleteLocked(LogicalThread t, WorkItemImpl w) {
        if (w.dead) {
            useAfterDeleteLocked(t, w, "WdfObjectDelete");
            return false;
        }
        DeleteState state = w.stateFor(t);
        boolean deferred = t.irql == Irql.DISPATCH;
        w.dead = true;
        k.emit(t, EventType.DELETE, w.id, 0, state.id() | (deferred ? DeleteState.DEFERRED_FLAG : 0));
        if (state == DeleteState.RUNNING_OWN_CALLBACK && w.latestThread != t) {
            k.violation(t, Rule.DELETE_WAITS_ON_ITSELF, w.id, "WdfObjectDelete of " + w.describe()
                    + " from its instance on " + t.name + " would wait on itself: a later instance started on "
                    + w.latestThread.name + ", so the framework waits for its own caller and hangs (state: "
                    + WorkItemImpl.stateText(w) + ")");
        }
        if (deferred || state == DeleteState.RUNNING_OWN_CALLBACK) {
            lifetime.defer(w);
            return false;
        }
        if (state != DeleteState.IDLE) {
            k.await(t, Wait.of(w::idle, () -> "delete of " + w.describe() + " ("
                    + WorkItemImpl.stateText(w) + ")"), -1);
        }
        return true;
    }

    /** {@code WdfWorkItemGetParentObject}. */
    WdfObject parentOf(WorkItemImpl w) {
        if (w.dead) {
            useAfterDelete(w, "parent");
        }
        LogicalThread t = k.current();
        if (t.irql.above(Irql.DISPATCH)) {
            irql.checkAlone(t, Irql.DISPATCH, w, "WdfWorkItemGetParentObject");
        }
        return w.parent;
    }

    /** The item's context memory. */
    Object contextOf(WorkItemImpl w) {
        if (w.dead) {
            useAfterDelete(w, "context");
        }
        return w.context;
    }

    private void useAfterDelete(WorkItemImpl w, String what) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, w.id);
        try {
            useAfterDeleteLocked(t, w, what);
        } finally {
            k.exit(t);
        }
    }

    private void useAfterDeleteLocked(LogicalThread t, WorkItemImpl w, String call) {
        k.violation(t, Rule.USE_AFTER_DELETE, w.id, call + " on " + w.describe() + " after it was deleted (state: "
                + WorkItemImpl.stateText(w) + ")");
        if (w.destroyed) {
            throw new BugCheckException(call + " on the freed handle of " + w.describe()
                    + ": the kernel would bug check here");
        }
    }

    /** Inside enter/exit: the item's memory is gone, so nothing is left to leak (churn must not grow the list). */
    void destroyed(WorkItemImpl w) {
        workItems.remove(w);
    }

    private void leakCheck(LogicalThread t) {
        for (WorkItemImpl w : workItems) {
            if (!w.dead) {
                k.violation(t, Rule.LEAKED_WORK_ITEM, w.id, w.describe()
                        + " was neither deleted nor reached by its parent's deletion at shutdown (state: "
                        + WorkItemImpl.stateText(w) + ")");
            }
        }
    }

    // ------------------------------------------------------------------ the system workers

    /** What idle workers wait for; shared, so that one enqueue wakes one worker. */
    private final Wait workAvailable = new Wait() {
        @Override
        public boolean ready() {
            return !workQueue.isEmpty();
        }

        @Override
        public String describe() {
            return "work";
        }

        @Override
        public boolean idle() {
            return true;
        }

        @Override
        public int wakeLimit() {
            return workQueue.size();
        }
    };

    private void workerLoop(LogicalThread t) {
        for (;;) {
            Object task;
            int instance = 0;
            k.enter(t, EventType.CALLBACK_START, 0);
            try {
                k.await(t, workAvailable, -1);
                task = workQueue.poll();
                k.workStarted();
                if (task instanceof WorkItemImpl w) {
                    instance = startInstance(t, w);
                } else {
                    k.emit(t, EventType.DISPOSE_START, ((DisposeTask) task).target().id, 0, 0);
                }
            } finally {
                k.exit(t);
            }
            if (task instanceof WorkItemImpl w) {
                runInstance(t, w, instance);
            } else {
                lifetime.runDeferred(t, ((DisposeTask) task).target());
            }
        }
    }

    /** The thunk's first half, inside enter/exit: dequeued, the callback lock, then the start event. */
    private int startInstance(LogicalThread t, WorkItemImpl w) {
        w.queued = false; // cleared before the callback: it may re-enqueue itself
        w.running++;
        w.runningThreads.add(t);
        int instance = ++w.instances;
        if (w.serializationLock != null) {
            locks.acquireCallbackLock(t, w.id, w.serializationLock);
        }
        w.latestThread = t;
        t.irql = Irql.PASSIVE;
        t.frame = new LogicalThread.Frame(t.frame, w.id, "callback of " + w.describe(), t.held.size());
        k.emit(t, EventType.CALLBACK_START, w.id, 0, instance);
        return instance;
    }

    private void runInstance(LogicalThread t, WorkItemImpl w, int instance) {
        k.invoke(t, "callback of " + w.describe(), () -> {
            w.callback.run(w);
            return true;
        });
        k.enter(t, EventType.CALLBACK_END, w.id);
        try {
            locks.releaseHeldAtReturn(t);
            if (w.serializationLock != null) {
                locks.releaseCallbackLock(t, w.serializationLock);
            }
            w.running--;
            w.runningThreads.remove(t);
            t.frame = t.frame.outer;
            k.workEnded();
            k.emit(t, EventType.CALLBACK_END, w.id, 0, instance);
            lifetime.queueReadyDisposals();
        } finally {
            k.exit(t);
        }
    }
}
