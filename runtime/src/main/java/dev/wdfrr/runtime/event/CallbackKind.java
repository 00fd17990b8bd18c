package dev.wdfrr.runtime.event;

/**
 * Which driver callback a callback event is about: the {@code related} field of
 * {@link EventType#EVT_CALLBACK_START} and {@link EventType#EVT_CALLBACK_END}, and the
 * {@code arg} of {@link EventType#REQUEST_DISPATCH}. Ids are stable on the wire.
 */
public enum CallbackKind {
    EVT_IO_READ(1, "EvtIoRead"),
    EVT_IO_WRITE(2, "EvtIoWrite"),
    EVT_IO_DEVICE_CONTROL(3, "EvtIoDeviceControl"),
    EVT_IO_INTERNAL_DEVICE_CONTROL(4, "EvtIoInternalDeviceControl"),
    EVT_IO_DEFAULT(5, "EvtIoDefault"),
    /** Not a callback: a manual queue's request taken by {@code WdfIoQueueRetrieveNextRequest}. */
    RETRIEVED(6, "Retrieved"),
    EVT_IO_STOP(7, "EvtIoStop"),
    EVT_IO_RESUME(8, "EvtIoResume"),
    EVT_IO_CANCELED_ON_QUEUE(9, "EvtIoCanceledOnQueue"),
    EVT_REQUEST_CANCEL(10, "EvtRequestCancel"),
    /** The manual queue's ready-notify callback ({@code WdfIoQueueReadyNotify}). */
    QUEUE_READY(11, "EvtIoQueueReady"),
    /** The completion callback of {@code WdfIoQueueStop} or {@code StopAndPurge}. */
    QUEUE_STOPPED(12, "EvtIoQueueStopped"),
    /** The completion callback of {@code WdfIoQueuePurge}. */
    QUEUE_PURGED(13, "EvtIoQueuePurged"),
    /** The completion callback of {@code WdfIoQueueDrain}. */
    QUEUE_DRAINED(14, "EvtIoQueueDrained"),
    EVT_TIMER_FUNC(15, "EvtTimerFunc"),
    EVT_DPC_FUNC(16, "EvtDpcFunc"),
    PREPARE_HARDWARE(17, "EvtDevicePrepareHardware"),
    RELEASE_HARDWARE(18, "EvtDeviceReleaseHardware"),
    D0_ENTRY(19, "EvtDeviceD0Entry"),
    D0_EXIT(20, "EvtDeviceD0Exit"),
    D0_ENTRY_POST_INTERRUPTS_ENABLED(21, "EvtDeviceD0EntryPostInterruptsEnabled"),
    D0_EXIT_PRE_INTERRUPTS_DISABLED(22, "EvtDeviceD0ExitPreInterruptsDisabled"),
    INTERRUPT_ENABLE(23, "EvtInterruptEnable"),
    INTERRUPT_DISABLE(24, "EvtInterruptDisable"),
    SELF_MANAGED_IO_INIT(25, "EvtDeviceSelfManagedIoInit"),
    SELF_MANAGED_IO_RESTART(26, "EvtDeviceSelfManagedIoRestart"),
    SELF_MANAGED_IO_SUSPEND(27, "EvtDeviceSelfManagedIoSuspend"),
    SELF_MANAGED_IO_FLUSH(28, "EvtDeviceSelfManagedIoFlush"),
    SELF_MANAGED_IO_CLEANUP(29, "EvtDeviceSelfManagedIoCleanup"),
    SURPRISE_REMOVAL(30, "EvtDeviceSurpriseRemoval"),
    QUERY_STOP(31, "EvtDeviceQueryStop"),
    QUERY_REMOVE(32, "EvtDeviceQueryRemove");

    private static final CallbackKind[] BY_ID = new CallbackKind[33];

    static {
        for (CallbackKind k : values()) {
            BY_ID[k.id] = k;
        }
    }

    private final int id;
    private final String label;

    CallbackKind(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    /** The framework's name of the callback, e.g. {@code EvtIoRead}. */
    public String label() {
        return label;
    }

    /** True for the request-delivering callbacks (and a manual retrieval): what {@code request_dispatch} opens. */
    public boolean delivers() {
        return id <= RETRIEVED.id;
    }

    /** The kind with this id, or null. */
    public static CallbackKind ofId(long id) {
        return id > 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
