package dev.wdfrr.runtime;

/**
 * The verifier checks the runtime makes, named after the framework verifier and the Static
 * Driver Verifier rules they echo. Each violation is traced as an event carrying {@link #id()}.
 * Not all are the framework's own: {@link #origin()} says whose check it is and
 * {@link #realBehavior()} what the real driver does at that point, so that a report wdfrr makes
 * to be helpful is never mistaken for the framework's behaviour.
 */
public enum Rule {
    /** A call above its maximum IRQL. */
    KMDF_IRQL(1, "KmdfIrql", Origin.STATIC_RULE, "the call is made at the wrong IRQL: with the KMDF verifier on, "
            + "FxVerifierCheckIrqlLevel breaks into the debugger and fails it; without it, a wait above DISPATCH bug checks "
            + "(0xA IRQL_NOT_LESS_OR_EQUAL) and other calls corrupt state. wdfrr reports it and does not carry the call out"),
    /** Flush called from the item's own callback (on its m_WorkItemThread). */
    FLUSH_FROM_OWN_CALLBACK(2, "FlushFromOwnCallback", Origin.FRAMEWORK, "FxWorkItem::FlushAndWait detects it: "
            + "a verifier break (FxVerifierDbgBreakPoint), and the flush returns without waiting"),
    /** Enqueue once the item's rundown has begun, a second delete, or any call on a destroyed (freed) handle. */
    USE_AFTER_DELETE(3, "UseAfterDelete", Origin.FRAMEWORK, "an enqueue after rundown began is refused with a verifier "
            + "break (FxWorkItem::Enqueue, m_RunningDown) and a second delete is ignored; a call on a freed handle bug checks "
            + "(0x10D WDF_VIOLATION with handle verification, memory corruption without)"),
    /** Automatic serialization under a scope whose execution level does not fit the callback's. */
    INCOMPATIBLE_EXECUTION_LEVEL(4, "IncompatibleExecutionLevel", Origin.FRAMEWORK, "FxObject::_GetEffectiveLock: a "
            + "verifier break, and the create fails with STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL"),
    /** Spin lock acquired while already held by the caller, or released by a thread that does not hold it. */
    WDF_SPINLOCK(5, "WdfSpinlock", Origin.STATIC_RULE, "acquiring a spin lock the thread already holds spins forever "
            + "(the CPU hangs at DISPATCH until the DPC watchdog bug checks, 0x133)"),
    /** Wait lock acquired while already held by the caller, or released by a thread that does not hold it. */
    WDF_WAITLOCK(6, "WdfWaitlock", Origin.STATIC_RULE, "acquiring a wait lock the thread already holds waits on itself: "
            + "forever, or until its timeout; a release by another thread sets the lock's event anyway"),
    /** Interrupt lock acquired while already held by the caller (it is not recursive), or released unheld. */
    WDF_INTERRUPT_LOCK(7, "WdfInterruptLock", Origin.STATIC_RULE, "acquiring the interrupt lock again spins forever at "
            + "DIRQL: the machine hangs"),
    /** A work item neither deleted nor reached by its parent's deletion when the run ends. */
    LEAKED_WORK_ITEM(8, "LeakedWorkItem", Origin.WDFRR, "no error at run time: the item lives until its parent is "
            + "deleted (at the latest when its device is removed), which then waits for it and cleans it up; wdfrr reports "
            + "it because the run ended with the item's cleanup never run"),
    /** A delete or flush that waits on an instance running on the calling thread. */
    DELETE_WAITS_ON_ITSELF(9, "DeleteWaitsOnItself", Origin.WDFRR, "the driver hangs: the framework does not see that "
            + "the caller is one of the callbacks it waits for (m_WorkItemThread is another thread or none), so the thread "
            + "waits for itself forever and unload never finishes. wdfrr reports it, then lets the thread hang"),
    /** A spin lock released by a thread that does not own it (WDF_INVALID_LOCK_OPERATION). */
    INVALID_LOCK_OPERATION(10, "WDF_INVALID_LOCK_OPERATION", Origin.FRAMEWORK, "bug check 0x10D (WDF_VIOLATION), "
            + "parameter 1 = 0xB WDF_INVALID_LOCK_OPERATION (FxSpinLock::ReleaseLock, WdfObjectAcquireLock)"),
    /** A callback lock acquired by the thread that already holds it (WDF_RECURSIVE_LOCK). */
    RECURSIVE_LOCK(11, "WDF_RECURSIVE_LOCK", Origin.FRAMEWORK, "bug check 0x10D (WDF_VIOLATION), parameter 1 = 0x2 "
            + "WDF_RECURSIVE_LOCK (FxCallbackSpinLock::Lock, FxCallbackMutexLock::Lock)"),
    /** WdfObjectDelete on an object the framework deletes itself: a device, an interrupt, the driver. */
    NO_DELETE_DDI(12, "NoDeleteDDI", Origin.FRAMEWORK, "WdfObjectDelete checks IsNoDeleteDDI: a verifier break "
            + "(FxVerifierDbgBreakPoint), and nothing is deleted"),
    /** A lock still held when the ISR, DPC or callback that took it returns. */
    LOCK_HELD_AT_RETURN(13, "LockHeldAtReturn", Origin.WDFRR, "the lock stays held after the callback returns: a spin "
            + "lock leaves the CPU at DISPATCH and the next acquire hangs. wdfrr reports it and releases the lock so the run "
            + "can go on"),

    // ---- requests and queues (io-queues-and-requests.md, "Verifier checks"); ids from 30 on ----

    /** Complete, forward, requeue, mark or unmark a request the driver does not own (FxRequest::VerifyRequestIsDriverOwned). */
    REQUEST_NOT_OWNED(30, "RequestNotOwned", Origin.FRAMEWORK, "FxRequest::VerifyRequestIsDriverOwned: a verifier break, "
            + "and the call is refused"),
    /** A second completion of a request. */
    REQUEST_COMPLETED_TWICE(31, "RequestCompletedTwice", Origin.FRAMEWORK, "while the request object lives, a verifier "
            + "break and nothing done; once it is freed, a use after free (bug check 0x10D, parameter 0x5, at best)"),
    /** Any other call on a completed request. */
    USE_AFTER_COMPLETE(32, "UseAfterComplete", Origin.FRAMEWORK, "as a second completion: a verifier break while the "
            + "request lives, a use after free (bug check 0x10D/0x5 at best) once it is freed"),
    /** Completing a request still marked cancelable outside its EvtRequestCancel (FxRequest::VerifyCompleteInternal). */
    COMPLETE_CANCELABLE(33, "CompleteCancelable", Origin.FRAMEWORK, "a verifier break (\"Completing Cancelable WDFREQUEST\"); "
            + "the completion proceeds and the cancel routine may then run on a completed request"),
    /** Marking cancelable a request that already is (FxIoQueue::VerifyRequestCancelable). */
    MARK_CANCELABLE_TWICE(34, "MarkCancelableTwice", Origin.FRAMEWORK, "a verifier break, nothing done"),
    /** Unmarking a request that is not cancelable (FxRequest::VerifyRequestIsCancelable). */
    UNMARK_NOT_CANCELABLE(35, "UnmarkNotCancelable", Origin.FRAMEWORK, "a verifier break and "
            + "STATUS_INVALID_DEVICE_REQUEST; without the verifier STATUS_CANCELLED"),
    /** Forward, requeue or stop-acknowledge-with-requeue of a cancelable request. */
    FORWARD_CANCELABLE(36, "ForwardCancelable", Origin.FRAMEWORK, "a verifier break, and the call is refused"),
    /** Forward to the same queue or to another device's queue (FxIoQueue::VerifyForwardRequest). */
    FORWARD_INVALID_QUEUE(37, "ForwardInvalidQueue", Origin.FRAMEWORK, "a verifier break and STATUS_INVALID_DEVICE_REQUEST"),
    /** Requeue of a request not delivered by a manual queue (FxIoQueue::Requeue). */
    REQUEUE_NOT_MANUAL(38, "RequeueNotManual", Origin.FRAMEWORK, "a verifier break and STATUS_INVALID_DEVICE_REQUEST"),
    /** RetrieveNextRequest on a sequential queue while the driver owns none of its requests (FxIoQueue::VerifyGetRequestUpdateFlags). */
    RETRIEVE_WITHOUT_OWNED(39, "RetrieveWithoutOwned", Origin.FRAMEWORK, "a verifier break; the retrieval proceeds"),
    /** WdfRequestStopAcknowledge of a request that was given no EvtIoStop (FxRequest::VerifyRequestIsInEvtIoStopContext). */
    STOP_ACK_OUTSIDE_EVT_IO_STOP(40, "StopAckOutsideEvtIoStop", Origin.FRAMEWORK, "a verifier break; the acknowledgement "
            + "is ignored"),
    /** A second pending stop- or purge-type completion, or a stop/purge/drain of a disposed queue (FxIoQueue::FatalError). */
    QUEUE_FATAL_ERROR(41, "QueueFatalError", Origin.FRAMEWORK, "bug check 0x10D (WDF_VIOLATION), parameter 1 = 0xA "
            + "WDF_QUEUE_FATAL_ERROR (FxIoQueue::FatalError)"),
    /** A successful completion whose information exceeds the request's buffer (FxRequest::VerifyCompleteInternal). */
    INFORMATION_LENGTH_MISMATCH(42, "InformationLengthMismatch", Origin.FRAMEWORK, "bug check 0x10D, parameters 0x6 "
            + "WDF_REQUEST_FATAL_ERROR / 0x4 INFORMATION_LENGTH_MISMATCH (with the verifier on)"),
    /** A ...Synchronously queue call from an EvtIo callback. */
    SYNC_QUEUE_CALL_IN_IO_CALLBACK(43, "SyncQueueCallInIoCallback", Origin.STATIC_RULE, "forbidden by the reference "
            + "pages; the call hangs when it waits on its own request or lock"),
    /** A stop, purge, power-down or removal waiting for requests no thread will complete or acknowledge. */
    REQUEST_PENDING_AT_PURGE(44, "RequestPendingAtPurge", Origin.WDFRR, "a hang: the waiting thread (the PnP thread at "
            + "removal) waits forever, with a verifier break every 60 s"),
    /** A request neither completed nor cancelled when the run ends (wdfrr's own). */
    LEAKED_REQUEST(45, "LeakedRequest", Origin.WDFRR, "the I/O never returns: the process cannot exit and the device's "
            + "removal hangs"),

    // ---- PnP/power and hardware (pnp-power.md) ----

    /** A register access while the device is out of D0, outside the PnP callbacks that may touch it. */
    HARDWARE_ACCESS_OUTSIDE_D0(46, "HardwareAccessOutsideD0", Origin.WDFRR, "the device is in D3: reads return garbage "
            + "or all ones, writes are lost, and some buses hang or raise a machine check"),
    /** A register access after EvtDeviceReleaseHardware returned (or before PrepareHardware). */
    HARDWARE_ACCESS_UNMAPPED(47, "HardwareAccessUnmapped", Origin.WDFRR, "the registers are unmapped, so the access "
            + "faults: bug check 0x50 PAGE_FAULT_IN_NONPAGED_AREA (or 0xD1)"),
    /** EvtDeviceReleaseHardware returned STATUS_NOT_SUPPORTED (FxPkgPnp::PnpReleaseHardware). */
    RELEASE_HARDWARE_NOT_SUPPORTED(48, "ReleaseHardwareNotSupported", Origin.FRAMEWORK, "a verifier break (KMDF 1.11+, "
            + "FxPkgPnp::PnpReleaseHardware); the status is otherwise ignored"),

    // ---- timers (timers-and-dpcs.md) ----

    /** WdfTimerStop(…, TRUE) from the timer's own callback (FxTimer::Stop). */
    TIMER_STOP_FROM_OWN_CALLBACK(49, "TimerStopFromOwnCallback", Origin.FRAMEWORK, "a verifier break; the stop returns "
            + "FALSE and leaves the timer armed"),
    /** Two waiting stops of one timer at once (FxTimer::Stop). */
    CONCURRENT_TIMER_STOP(50, "ConcurrentTimerStop", Origin.FRAMEWORK, "a verifier break; both stops proceed");

    /** Whose check a rule is. */
    public enum Origin {
        /** The framework's own check in its source (a verifier break or a bug check). */
        FRAMEWORK("framework"),
        /** A Static Driver Verifier rule, checked here at run time. */
        STATIC_RULE("static-driver-verifier"),
        /** wdfrr's own report of something the real framework does not report. */
        WDFRR("wdfrr");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        /** Stable lower-case name used in {@code check --json}. */
        public String label() {
            return label;
        }
    }

    private final int id;
    private final String verifierName;
    private final Origin origin;
    private final String realBehavior;

    Rule(int id, String verifierName, Origin origin, String realBehavior) {
        this.id = id;
        this.verifierName = verifierName;
        this.origin = origin;
        this.realBehavior = realBehavior;
    }

    /** Stable numeric id written to traces. */
    public int id() {
        return id;
    }

    /** The name the framework verifier and SDV use, e.g. {@code KmdfIrql}. */
    public String verifierName() {
        return verifierName;
    }

    /** Whose check this is: the framework's, a static rule's, or wdfrr's own. */
    public Origin origin() {
        return origin;
    }

    /** What the real driver does where this rule fires: a verifier break, a hang, a bug check. */
    public String realBehavior() {
        return realBehavior;
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

    /** The rule with the given verifier name, or null. */
    public static Rule ofName(String verifierName) {
        for (Rule r : values()) {
            if (r.verifierName.equals(verifierName)) {
                return r;
            }
        }
        return null;
    }
}
