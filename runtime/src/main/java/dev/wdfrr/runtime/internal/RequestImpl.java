package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.wdf.EvtRequestCancel;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;

/**
 * A request's state ({@code FxRequest}): where it is (waiting in a queue, owned by the driver,
 * completed), its cancel-safe membership and the framework's verifier flags under their names.
 * Guarded by the kernel; {@link Requests} owns the rules, the queue's loop ({@link QueueLoop})
 * delivers it.
 */
final class RequestImpl extends ObjectImpl implements WdfRequest {
    enum Where { NONE, WAITING, OWNED, COMPLETED }

    private final Requests requests;
    final RequestType type;
    final long length;
    final long inputLength;
    final int ioControlCode;
    final RequesterImpl requester;
    final Object context;
    final long arrival;

    volatile Where where = Where.NONE;
    /** The queue it belongs to (m_IoQueue), or null when none took it. */
    QueueImpl queue;
    /** In the driver's cancelable set (m_DriverCancelable): a cancel now schedules the routine. */
    boolean inCancelSet;
    /** FXREQUEST_FLAG_DRIVER_CANCELABLE: marked cancelable and not unmarked with success. */
    boolean cancelable;
    EvtRequestCancel cancelRoutine;
    /** m_Canceled: a cancel reached it. */
    boolean cancelled;
    /** The cancel routine was scheduled (m_Cancelled list) or ran: it owns the request. */
    boolean cancelRoutineOwns;
    /** FXREQUEST_FLAG_CANCELLED: set just before the cancel routine is called; completing it is then allowed ([R6]). */
    boolean cancelRoutineStarted;
    /** The thread running its cancel routine, or null. */
    LogicalThread inCancelRoutine;
    /** m_Presented: it was delivered to the driver at least once. */
    boolean presented;
    /** The thread running the EvtIo callback that received it, or null. */
    LogicalThread dispatchThread;
    /** FXREQUEST_FLAG_DRIVER_INEVTIOSTOP_CONTEXT: given an EvtIoStop, not yet acknowledged. */
    boolean inEvtIoStop;
    /** Acknowledged without requeue: EvtIoResume at power-up. */
    boolean stopAcked;
    long information;
    volatile long status = -1;
    int references;

    RequestImpl(Requests requests, Lifetime lifetime, int id, String name, ObjectImpl parent, RequestType type, long length,
                long inputLength, int ioControlCode, RequesterImpl requester, Object context, long arrival,
                dev.wdfrr.runtime.wdf.ObjectCallback cleanup) {
        super(lifetime, id, name, ObjectKind.REQUEST, parent, cleanup, null);
        this.requests = requests;
        this.type = type;
        this.length = length;
        this.inputLength = inputLength;
        this.ioControlCode = ioControlCode;
        this.requester = requester;
        this.context = context;
        this.arrival = arrival;
    }

    boolean completed() {
        return where == Where.COMPLETED;
    }

    String stateText() {
        return switch (where) {
            case NONE -> "new";
            case WAITING -> "waiting in " + queue.describe();
            case OWNED -> "driver-owned" + (cancelable ? ", cancelable" : "") + (cancelled ? ", cancelled" : "")
                    + (cancelRoutineOwns ? ", its cancel routine owns it" : "") + (inEvtIoStop ? ", in EvtIoStop" : "")
                    + (stopAcked ? ", stop acknowledged" : "");
            case COMPLETED -> "completed";
        };
    }

    // ------------------------------------------------------------------ WdfRequest

    @Override
    public RequestType type() {
        return type;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long inputLength() {
        return inputLength;
    }

    @Override
    public int ioControlCode() {
        return ioControlCode;
    }

    @Override
    public WdfQueue queue() {
        return queue;
    }

    @Override
    public Requester requester() {
        return requester;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C context() {
        return (C) context;
    }

    @Override
    public void complete(long status) {
        requests.complete(this, status, information, false);
    }

    @Override
    public void complete(long status, long information) {
        requests.complete(this, status, information, true);
    }

    @Override
    public void setInformation(long information) {
        requests.setInformation(this, information);
    }

    @Override
    public void markCancelable(EvtRequestCancel onCancel) {
        requests.cancels().markCancelable(this, onCancel, false);
    }

    @Override
    public long markCancelableEx(EvtRequestCancel onCancel) {
        return requests.cancels().markCancelable(this, onCancel, true);
    }

    @Override
    public long unmarkCancelable() {
        return requests.cancels().unmarkCancelable(this);
    }

    @Override
    public boolean isCanceled() {
        return requests.cancels().isCanceled(this);
    }

    @Override
    public long forwardToQueue(WdfQueue destination) {
        return requests.moves().forward(this, destination);
    }

    @Override
    public long requeue() {
        return requests.moves().requeue(this);
    }

    @Override
    public void stopAcknowledge(boolean requeue) {
        requests.moves().stopAcknowledge(this, requeue);
    }

    @Override
    public void reference() {
        requests.reference(this, 1);
    }

    @Override
    public void dereference() {
        requests.reference(this, -1);
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException("a request is not deleted: its completion ends it (WdfRequestComplete)");
    }

    @Override
    public boolean isCompleted() {
        return where == Where.COMPLETED;
    }

    @Override
    public long completionStatus() {
        return status;
    }

    @Override
    public long completionInformation() {
        return where == Where.COMPLETED ? information : 0;
    }
}
