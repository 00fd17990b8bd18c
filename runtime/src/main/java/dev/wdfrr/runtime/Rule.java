package dev.wdfrr.runtime;

/**
 * The verifier checks the runtime makes, named after the framework verifier and the Static
 * Driver Verifier rules they echo. Each violation is traced as an event carrying {@link #id()}.
 */
public enum Rule {
    /** A call above its maximum IRQL. */
    KMDF_IRQL(1, "KmdfIrql"),
    /** Flush called from the item's own callback. */
    FLUSH_FROM_OWN_CALLBACK(2, "FlushFromOwnCallback"),
    /** Enqueue, flush, parent, context or delete on a deleted item. */
    USE_AFTER_DELETE(3, "UseAfterDelete"),
    /** Automatic serialization under a Dispatch-level synchronization scope. */
    INCOMPATIBLE_EXECUTION_LEVEL(4, "IncompatibleExecutionLevel"),
    /** Spin lock acquire/release not alternating, or held when a callback returns. */
    WDF_SPINLOCK(5, "WdfSpinlock"),
    /** Wait lock acquire/release not alternating, or held when a callback returns. */
    WDF_WAITLOCK(6, "WdfWaitlock"),
    /** Interrupt lock acquire/release not alternating (it is not recursive), or held at return. */
    WDF_INTERRUPT_LOCK(7, "WdfInterruptLock"),
    /** A work item neither deleted nor reached by its parent's deletion at shutdown. */
    LEAKED_WORK_ITEM(8, "LeakedWorkItem"),
    /** A delete or flush that would wait on an instance running on the calling thread. */
    DELETE_WAITS_ON_ITSELF(9, "DeleteWaitsOnItself"),

    // ---- requests and queues (io-queues-and-requests.md, "Verifier checks"); ids from 30 on ----

    /** Complete, forward, requeue, mark or unmark a request the driver does not own (FxRequest::VerifyRequestIsDriverOwned). */
    REQUEST_NOT_OWNED(30, "RequestNotOwned"),
    /** A second completion of a request. */
    REQUEST_COMPLETED_TWICE(31, "RequestCompletedTwice"),
    /** Any other call on a completed request. */
    USE_AFTER_COMPLETE(32, "UseAfterComplete"),
    /** Completing a request still marked cancelable outside its EvtRequestCancel (FxRequest::VerifyCompleteInternal). */
    COMPLETE_CANCELABLE(33, "CompleteCancelable"),
    /** Marking cancelable a request that already is (FxIoQueue::VerifyRequestCancelable). */
    MARK_CANCELABLE_TWICE(34, "MarkCancelableTwice"),
    /** Unmarking a request that is not cancelable (FxRequest::VerifyRequestIsCancelable). */
    UNMARK_NOT_CANCELABLE(35, "UnmarkNotCancelable"),
    /** Forward, requeue or stop-acknowledge-with-requeue of a cancelable request. */
    FORWARD_CANCELABLE(36, "ForwardCancelable"),
    /** Forward to the same queue or to another device's queue (FxIoQueue::VerifyForwardRequest). */
    FORWARD_INVALID_QUEUE(37, "ForwardInvalidQueue"),
    /** Requeue of a request not delivered by a manual queue (FxIoQueue::Requeue). */
    REQUEUE_NOT_MANUAL(38, "RequeueNotManual"),
    /** RetrieveNextRequest on a sequential queue while the driver owns none of its requests (FxIoQueue::VerifyGetRequestUpdateFlags). */
    RETRIEVE_WITHOUT_OWNED(39, "RetrieveWithoutOwned"),
    /** WdfRequestStopAcknowledge of a request that was given no EvtIoStop (FxRequest::VerifyRequestIsInEvtIoStopContext). */
    STOP_ACK_OUTSIDE_EVT_IO_STOP(40, "StopAckOutsideEvtIoStop"),
    /** A second pending stop- or purge-type completion, or a stop/purge/drain of a disposed queue (FxIoQueue::FatalError). */
    QUEUE_FATAL_ERROR(41, "QueueFatalError"),
    /** A successful completion whose information exceeds the request's buffer (FxRequest::VerifyCompleteInternal). */
    INFORMATION_LENGTH_MISMATCH(42, "InformationLengthMismatch"),
    /** A ...Synchronously queue call from an EvtIo callback. */
    SYNC_QUEUE_CALL_IN_IO_CALLBACK(43, "SyncQueueCallInIoCallback"),
    /** A stop, purge, power-down or removal waiting for requests no thread will complete or acknowledge. */
    REQUEST_PENDING_AT_PURGE(44, "RequestPendingAtPurge"),
    /** A request neither completed nor cancelled when the run ends (wdfrr's own). */
    LEAKED_REQUEST(45, "LeakedRequest"),

    // ---- PnP/power and hardware (pnp-power.md) ----

    /** A register access while the device is out of D0, outside the PnP callbacks that may touch it. */
    HARDWARE_ACCESS_OUTSIDE_D0(46, "HardwareAccessOutsideD0"),
    /** A register access after EvtDeviceReleaseHardware returned (or before PrepareHardware). */
    HARDWARE_ACCESS_UNMAPPED(47, "HardwareAccessUnmapped"),
    /** EvtDeviceReleaseHardware returned STATUS_NOT_SUPPORTED (FxPkgPnp::PnpReleaseHardware). */
    RELEASE_HARDWARE_NOT_SUPPORTED(48, "ReleaseHardwareNotSupported"),

    // ---- timers (timers-and-dpcs.md) ----

    /** WdfTimerStop(…, TRUE) from the timer's own callback (FxTimer::Stop). */
    TIMER_STOP_FROM_OWN_CALLBACK(49, "TimerStopFromOwnCallback"),
    /** Two waiting stops of one timer at once (FxTimer::Stop). */
    CONCURRENT_TIMER_STOP(50, "ConcurrentTimerStop");

    private final int id;
    private final String verifierName;

    Rule(int id, String verifierName) {
        this.id = id;
        this.verifierName = verifierName;
    }

    /** Stable numeric id written to traces. */
    public int id() {
        return id;
    }

    /** The name the framework verifier and SDV use, e.g. {@code KmdfIrql}. */
    public String verifierName() {
        return verifierName;
    }

    /** The rule with the given stable id, or null when the id is unknown. */
    public static Rule ofId(int id) {
        for (Rule r : values()) {
            if (r.id == id) {
                return r;
            }
        }
        return null;
    }
}
