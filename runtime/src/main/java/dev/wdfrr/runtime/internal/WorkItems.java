package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.EventType;
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
 * queued), flush, the item's part in its deletion ({@code Dispose}: rundown, and no wait on its
 * own {@code m_WorkItemThread}), and the system worker threads that dequeue items and call their
 * callbacks ({@code WorkItemThunk}).
 */
final class WorkItems {
    private final Kernel k;
    private final IrqlRules irql;
    private final Locks locks;
    private final Lifetime lifetime;
    /** Queued items, in FIFO order; one queue shared by all workers. */
    private final ArrayDeque<WorkItemImpl> workQueue = new ArrayDeque<>();
    /** Raised whenever an item joins {@link #workQueue}: idle workers' wait. */
    private final Signal workQueued = new Signal();
    /** Every item not yet destroyed: the leak check's list. */
    private final ArrayList<WorkItemImpl> workItems = new ArrayList<>();

    WorkItems(Kernel k, IrqlRules irql, Locks locks, Lifetime lifetime) {
        this.k = k;
        this.irql = irql;
        this.locks = locks;
        this.lifetime = lifetime;
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
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

    /** Inside enter/exit: the work item an object owns (a timer's, a queue's), not serialized. */
    WorkItemImpl createOwned(LogicalThread t, ObjectImpl owner, WorkItemCallback<?> callback) {
        return createOwned(t, owner, callback, null);
    }

    /** Inside enter/exit: the work item an object owns (an interrupt's), created with it. */
    WorkItemImpl createOwned(LogicalThread t, ObjectImpl owner, WorkItemCallback<?> callback, LockState serialization) {
        int id = k.newObjectId();
        WorkItemImpl w = new WorkItemImpl(this, lifetime, id, owner.name + ".workitem", owner, callback, serialization,
                ObjectAttributes.parent(owner), null);
        register(t, w, serialization != null);
        return w;
    }

    private void register(LogicalThread t, WorkItemImpl w, boolean serialized) {
        w.parent.children.add(w);
        workItems.add(w);
        k.nameObject(t, w.id, w.name);
        k.emit(t, EventType.WORKITEM_CREATE, w.id, w.parent.id, serialized ? 1 : 0);
    }

    /**
     * {@code FxObject::_GetEffectiveLock}: the callback lock of the nearest device or queue, null
     * when its scope is None. The work item's callbacks are passive, so the parent itself (the
     * device, the queue, or a general object with its own attributes) must be passive, else the
     * create fails.
     */
    private LockState serializationLock(LogicalThread t, ObjectImpl parent) {
        SyncOwner owner = parent.nearestSyncOwner();
        SyncScope scope = owner.effectiveScope();
        if (scope == SyncScope.NONE) {
            return null;
        }
        if (!parent.passiveCallbacks()) {
            String level = parent instanceof SyncOwner s ? String.valueOf(s.effectiveLevel())
                    : "not PASSIVE (only an explicit PASSIVE in its attributes makes a general object passive)";
            String message = "automatic serialization under " + owner.describe() + " with synchronization scope "
                    + scope + " needs the work item's parent " + parent.describe() + " at execution level PASSIVE, but it is "
                    + level + " (create fails: incompatible execution level)";
            k.violation(t, Rule.INCOMPATIBLE_EXECUTION_LEVEL, parent.id, message);
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

    /**
     * Inside enter/exit: {@code FxWorkItem::Enqueue}. Already queued: ignored (coalesced). Running
     * down (its disposal has begun): a verifier break, not queued. {@code related} is traced.
     */
    boolean enqueueLocked(LogicalThread t, WorkItemImpl w, int related, String call) {
        if (w.destroyed) {
            lifetime.useOfFreedHandle(t, w, call);
        }
        if (!w.queued && w.runningDown) {
            k.violation(t, Rule.USE_AFTER_DELETE, w.id, call + " on " + w.describe() + " after its rundown began"
                    + " (FxWorkItem::Enqueue: m_RunningDown; not queued; state: " + WorkItemImpl.stateText(w) + ")");
            return false;
        }
        boolean queued = !w.queued;
        if (queued) {
            w.queued = true;
            workQueue.add(w);
            workQueued.raise();
        }
        k.emit(t, EventType.ENQUEUE, w.id, related, queued ? 1 : 0);
        return queued;
    }

    /**
     * {@code WdfWorkItemFlush} ({@code FxWorkItem::FlushAndWait}): returns at once when called on
     * the item's {@code m_WorkItemThread}; otherwise waits until nothing is queued or running,
     * which never happens when an instance runs on the calling thread (the real driver hangs).
     */
    void flush(WorkItemImpl w) {
        LogicalThread t = k.current();
        k.enter(t, EventType.FLUSH_START, w.id);
        try {
            if (!irql.ok(t, Irql.PASSIVE, w, "WdfWorkItemFlush")) {
                return;
            }
            if (w.destroyed) {
                lifetime.useOfFreedHandle(t, w, "WdfWorkItemFlush");
            }
            k.emit(t, EventType.FLUSH_START, w.id, 0, 0);
            if (w.workItemThread == t) {
                k.violation(t, Rule.FLUSH_FROM_OWN_CALLBACK, w.id, "WdfWorkItemFlush called from the callback of "
                        + w.describe() + " on " + t.name + ": waiting would lead to deadlock, so it returns at once (state: "
                        + WorkItemImpl.stateText(w) + ")");
                k.emit(t, EventType.FLUSH_END, w.id, 0, 0);
                return;
            }
            boolean waited = !w.idle();
            if (waited) {
                if (w.runsOn(t)) {
                    k.violation(t, Rule.DELETE_WAITS_ON_ITSELF, w.id, "WdfWorkItemFlush of " + w.describe()
                            + " from its own instance on " + t.name + ", which is not the item's m_WorkItemThread ("
                            + (w.workItemThread == null ? "none: another instance cleared it when it returned"
                            : "a later instance took it on " + w.workItemThread.name)
                            + "): the framework waits for the calling instance itself and hangs (state: "
                            + WorkItemImpl.stateText(w) + ")");
                }
                k.await(t, Wait.of(w::idle, () -> "flush of " + w.describe() + " ("
                        + WorkItemImpl.stateText(w) + ")"), -1);
            }
            k.emit(t, EventType.FLUSH_END, w.id, 0, waited ? 1 : 0);
        } finally {
            k.exit(t);
        }
    }

    /**
     * {@code WdfWorkItemGetParentObject}: the parent given at create, until the item's rundown
     * released it ({@code FxWorkItem::FlushAndRundown} sets {@code m_Object} to NULL); then null.
     */
    WdfObject parentOf(WorkItemImpl w) {
        if (w.destroyed) {
            useOfFreedHandle(w, "WdfWorkItemGetParentObject");
        }
        LogicalThread t = k.current();
        if (t.irql.above(Irql.DISPATCH)) {
            irql.checkAlone(t, Irql.DISPATCH, w, "WdfWorkItemGetParentObject");
        }
        return w.parentReleased ? null : w.parent;
    }

    /** The item's context memory: valid until the item is destroyed ({@code FxObject::ProcessDestroy}). */
    Object contextOf(WorkItemImpl w) {
        if (w.destroyed) {
            useOfFreedHandle(w, "context");
        }
        return w.context;
    }

    private void useOfFreedHandle(WorkItemImpl w, String call) {
        LogicalThread t = k.current();
        k.enter(t, EventType.VIOLATION, w.id);
        try {
            lifetime.useOfFreedHandle(t, w, call);
        } finally {
            k.exit(t);
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

        @Override
        public Signal signal() {
            return workQueued;
        }
    };

    private void workerLoop(LogicalThread t) {
        for (;;) {
            WorkItemImpl w;
            int instance;
            k.enterWaiting(t, EventType.CALLBACK_START, workAvailable);
            try {
                k.await(t, workAvailable, -1);
                w = workQueue.poll();
                k.workStarted();
                instance = startInstance(t, w);
            } finally {
                k.exit(t);
            }
            runInstance(t, w, instance);
        }
    }

    /**
     * The thunk's first half, inside enter/exit ({@code FxWorkItem::WorkItemThunk} and
     * {@code WorkItemHandler}): {@code m_WorkItemThread} is this worker before the callback lock
     * is taken; the queued flag is cleared before the callback, which may re-enqueue the item.
     */
    private int startInstance(LogicalThread t, WorkItemImpl w) {
        w.workItemThread = t;
        w.queued = false;
        w.running++;
        w.runningThreads.add(t);
        int instance = ++w.instances;
        if (w.serializationLock != null) {
            locks.acquireCallbackLock(t, w.id, w.serializationLock);
        }
        t.irql = Irql.PASSIVE;
        t.frame = new LogicalThread.Frame(t.frame, w.id, "callback of " + w.describe(), t.held.size());
        k.emit(t, EventType.CALLBACK_START, w.id, 0, instance);
        return instance;
    }

    /** The callback, then the thunk's second half: {@code m_WorkItemThread} is cleared after every instance. */
    private void runInstance(LogicalThread t, WorkItemImpl w, int instance) {
        k.invoke(t, "callback of " + w.describe(), () -> {
            w.callback.run(w);
            return true;
        });
        boolean destroy;
        k.enter(t, EventType.CALLBACK_END, w.id);
        try {
            locks.releaseHeldAtReturn(t);
            if (w.serializationLock != null) {
                locks.releaseCallbackLock(t, w.serializationLock);
            }
            w.running--;
            w.runningThreads.remove(t);
            t.frame = t.frame.outer;
            w.workItemThread = null;
            k.emit(t, EventType.CALLBACK_END, w.id, 0, instance);
            destroy = lifetime.releasedLocked(w);
            if (!destroy) {
                k.workEnded();
            }
        } finally {
            k.exit(t);
        }
        if (destroy) {
            // the thunk's RELEASE was the last reference (FxObject::FinalRelease): this worker destroys it
            lifetime.destroyReleased(t, w, k::workEnded);
        }
    }
}
