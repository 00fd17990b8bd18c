package dev.wdfrr.runtime.wdf;

/**
 * An I/O queue ({@code WDFQUEUE}): it holds the requests routed to it and delivers them to the
 * driver as its dispatch type says; it is also a parent whose scope may serialize the callbacks of
 * its children. Semantics: io-queues-and-requests.md.
 */
public interface WdfQueue extends WdfObject {
    /** The device the queue belongs to. */
    WdfDevice device();

    /** The scope given at creation. */
    SyncScope syncScope();

    /** The level given at creation. */
    ExecutionLevel executionLevel();

    DispatchType dispatchType();

    /** {@code WdfIoQueueStart}: accept and dispatch requests. */
    void start();

    /** {@code WdfIoQueueStop}: stop dispatching (still accepting); the callback (may be null) runs once nothing is driver-owned. */
    void stop(QueueStateCallback onStopped);

    /** {@code WdfIoQueueStopSynchronously} (PASSIVE). */
    void stopSynchronously();

    /** {@code WdfIoQueueStopAndPurge}. */
    void stopAndPurge(QueueStateCallback onDone);

    /** {@code WdfIoQueueStopAndPurgeSynchronously} (PASSIVE). */
    void stopAndPurgeSynchronously();

    /** {@code WdfIoQueueDrain}: refuse new requests, deliver the waiting ones; the callback runs when empty. */
    void drain(QueueStateCallback onDrained);

    /** {@code WdfIoQueueDrainSynchronously} (PASSIVE). */
    void drainSynchronously();

    /** {@code WdfIoQueuePurge}: refuse new requests and cancel the waiting and the cancelable driver-owned ones. */
    void purge(QueueStateCallback onPurged);

    /** {@code WdfIoQueuePurgeSynchronously} (PASSIVE). */
    void purgeSynchronously();

    /** {@code WdfIoQueueRetrieveNextRequest}. */
    Retrieved retrieveNextRequest();

    /** {@code WdfIoQueueFindRequest}: a referenced request that stays queued (release it with {@link WdfRequest#dereference()}); null tag = from the start. */
    Retrieved findRequest(WdfRequest tag);

    /** {@code WdfIoQueueRetrieveFoundRequest}. */
    Retrieved retrieveFoundRequest(WdfRequest found);

    /** {@code WdfIoQueueReadyNotify} (manual queues); null clears it. */
    long readyNotify(QueueStateCallback onReady);

    /** {@code WdfIoQueueGetState}. */
    QueueState state();
    /**
     * Acquires this object's callback lock ({@code WdfObjectAcquireLock}), the lock automatic
     * serialization holds around its children's callbacks: a mutex at PASSIVE for a passive
     * execution level, else a spin lock that raises to DISPATCH. Acquiring it on a thread that
     * already holds it, such as inside a callback it serializes, is the framework's
     * {@code WDF_RECURSIVE_LOCK} bug check.
     */
    void acquireLock();

    /** Releases the callback lock ({@code WdfObjectReleaseLock}). */
    void releaseLock();
}
