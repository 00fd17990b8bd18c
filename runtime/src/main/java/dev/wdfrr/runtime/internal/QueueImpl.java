package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DispatchType;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.QueueState;
import dev.wdfrr.runtime.wdf.QueueStateCallback;
import dev.wdfrr.runtime.wdf.Retrieved;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * An I/O queue's state ({@code FxIoQueue}): its configuration, the state bits, its power state,
 * the waiting requests (the cancel-safe queue), the requests the driver owns, the cancelled lists,
 * the pending state callbacks and the count of threads in its dispatch loop, under the
 * framework's names where it has them. Guarded by the kernel; {@link IoQueues} owns the calls,
 * {@link QueueLoop} the loop, {@link QueuePower} the power transitions.
 */
final class QueueImpl extends ObjectImpl implements WdfQueue, SyncOwner {
    /** FxIoQueuePowerState, reduced to what the model distinguishes. */
    enum Power { ON, STOPPING, RESTARTING, OFF }

    private final IoQueues queues;
    final DeviceImpl device;
    final QueueConfig config;
    final SyncScope scope;
    final ExecutionLevel level;
    final LockState callbackLock;
    final boolean powerManaged;

    /** WdfIoQueueAcceptRequests. */
    boolean accepting = true;
    /** WdfIoQueueDispatchRequests (started). */
    boolean dispatchBit = true;
    /** Purged by the framework at removal: a start no longer reopens it ([Q26]). */
    boolean shutdown;
    Power power;
    /** EvtIoStop notifications in progress: cancel routines are held ([Q29]). */
    boolean powerNotifying;

    final ArrayDeque<RequestImpl> waiting = new ArrayDeque<>();
    /** Cancels between the cancel-safe queue's removal and CancelForQueue (they still count). */
    int cancelInFlight;
    /** m_DriverIoCount's requests, in delivery order. */
    final ArrayList<RequestImpl> owned = new ArrayList<>();
    /** m_Cancelled: cancel routines to call. */
    final ArrayDeque<RequestImpl> cancelled = new ArrayDeque<>();
    /** m_CanceledOnQueueList. */
    final ArrayDeque<RequestImpl> canceledOnQueue = new ArrayDeque<>();
    /** m_Dispatching: threads in the dispatch loop. */
    int dispatching;

    /** m_IdleComplete: the pending stop-type completion (a driver callback or {@link #SYNC}). */
    QueueStateCallback idleComplete;
    /** m_PurgeComplete: the pending purge-type completion. */
    QueueStateCallback purgeComplete;
    /** True when {@link #purgeComplete} is a drain's. */
    boolean purgeIsDrain;
    /** Completion points reached by the synchronous forms' internal callbacks (stop-type, purge-type). */
    int idleSignals;
    int purgeSignals;
    QueueStateCallback readyNotify;
    boolean transitionFromEmpty;
    boolean forceTransitionFromEmpty;
    /** m_CancelDispatchedRequests: a purge is in effect ([Q20]). */
    boolean cancelDispatchedRequests;

    /** The deferred runner: a DPC (dispatch level) or a work item (passive), m_DpcQueued / m_WorkItemQueued in its state. */
    Cpus.Kdpc dpc;
    WorkItemImpl workItem;
    /** Disposal finished: any stop, purge or drain is fatal ([Q23]). */
    boolean deleted;

    /** The internal callback the synchronous forms register (FxIoQueue::_IdleComplete / _PurgeComplete). */
    static final QueueStateCallback SYNC = q -> { };

    QueueImpl(IoQueues queues, Lifetime lifetime, int id, DeviceImpl device, QueueConfig config, int lockId,
              boolean powerManaged) {
        super(lifetime, id, config.name(), ObjectKind.QUEUE, device, null, null);
        this.queues = queues;
        this.device = device;
        this.config = config;
        this.scope = config.syncScope();
        this.level = config.executionLevel();
        this.callbackLock = new LockState(lockId, config.name() + ".callback-lock", LockKind.CALLBACK);
        this.powerManaged = powerManaged;
        // A power-managed queue is off until its device enters D0 (a device without PnP is always in D0).
        this.power = powerManaged && !device.inD0() ? Power.OFF : Power.ON;
    }

    DispatchType type() {
        return config.dispatchType();
    }

    /** Callbacks at PASSIVE: the callback lock is a mutex ([Q4]). */
    boolean passive() {
        return effectiveLevel() == ExecutionLevel.PASSIVE;
    }

    /** GetRequestCount: waiting, including cancels not yet processed. */
    int requestCount() {
        return waiting.size() + cancelInFlight;
    }

    /** m_Queue.GetRequestCount() + m_DriverIoCount. */
    int totalIoCount() {
        return requestCount() + owned.size();
    }

    // ------------------------------------------------------------------ SyncOwner

    @Override
    public SyncScope effectiveScope() {
        return scope == SyncScope.INHERIT_FROM_PARENT ? device.effectiveScope() : scope;
    }

    @Override
    public ExecutionLevel effectiveLevel() {
        return level == ExecutionLevel.INHERIT_FROM_PARENT ? device.effectiveLevel() : level;
    }

    /** Device scope serializes with the device's other callbacks: the device's lock. */
    @Override
    public LockState scopeLock() {
        return switch (effectiveScope()) {
            case NONE, INHERIT_FROM_PARENT -> null;
            case DEVICE -> device.callbackLock;
            case QUEUE -> callbackLock;
        };
    }

    // ------------------------------------------------------------------ object-kind SPI

    /** Nothing waiting, owned, or in its loop ({@code FxIoQueue::Dispose} waits for this). */
    @Override
    boolean quiet() {
        return totalIoCount() == 0 && dispatching == 0 && cancelled.isEmpty() && canceledOnQueue.isEmpty()
                && (dpc == null || dpc.quiet()) && (workItem == null || workItem.idle());
    }

    @Override
    String busyText() {
        return describe() + " (" + waiting.size() + " waiting, " + owned.size() + " driver-owned"
                + (owned.isEmpty() ? "" : ": " + owned.get(0).describe() + " " + owned.get(0).stateText()) + ")";
    }

    @Override
    void deleteReached() {
        queues.rundown(this);
    }

    @Override
    void destroyed() {
        queues.destroyed(this);
    }

    // ------------------------------------------------------------------ WdfQueue

    @Override
    public WdfDevice device() {
        return device;
    }

    @Override
    public SyncScope syncScope() {
        return scope;
    }

    @Override
    public ExecutionLevel executionLevel() {
        return level;
    }

    @Override
    public DispatchType dispatchType() {
        return config.dispatchType();
    }

    @Override
    public void start() {
        queues.states().start(this);
    }

    @Override
    public void stop(QueueStateCallback onStopped) {
        queues.states().stop(this, onStopped, false, false);
    }

    @Override
    public void stopSynchronously() {
        queues.states().stop(this, null, false, true);
    }

    @Override
    public void stopAndPurge(QueueStateCallback onDone) {
        queues.states().stop(this, onDone, true, false);
    }

    @Override
    public void stopAndPurgeSynchronously() {
        queues.states().stop(this, null, true, true);
    }

    @Override
    public void drain(QueueStateCallback onDrained) {
        queues.states().purge(this, onDrained, true, false);
    }

    @Override
    public void drainSynchronously() {
        queues.states().purge(this, null, true, true);
    }

    @Override
    public void purge(QueueStateCallback onPurged) {
        queues.states().purge(this, onPurged, false, false);
    }

    @Override
    public void purgeSynchronously() {
        queues.states().purge(this, null, false, true);
    }

    @Override
    public Retrieved retrieveNextRequest() {
        return queues.manual().retrieve(this, null, false);
    }

    @Override
    public Retrieved findRequest(WdfRequest tag) {
        return queues.manual().find(this, tag);
    }

    @Override
    public Retrieved retrieveFoundRequest(WdfRequest found) {
        return queues.manual().retrieve(this, found, true);
    }

    @Override
    public long readyNotify(QueueStateCallback onReady) {
        return queues.manual().readyNotify(this, onReady);
    }

    @Override
    public QueueState state() {
        return queues.state(this);
    }

    @Override
    public String describe() {
        return super.describe();
    }

    /** {@code FxIoQueue}: a queue whose effective level is Passive is marked passive. */
    @Override
    boolean passiveCallbacks() {
        return effectiveLevel() == ExecutionLevel.PASSIVE;
    }

    @Override
    public void acquireLock() {
        device.locks.acquireObjectLock(this, scopeLock() != null ? scopeLock() : callbackLock, passiveCallbacks());
    }

    @Override
    public void releaseLock() {
        device.locks.release(this, scopeLock() != null ? scopeLock() : callbackLock);
    }
}
