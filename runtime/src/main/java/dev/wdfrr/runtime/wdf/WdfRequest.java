package dev.wdfrr.runtime.wdf;

/**
 * A framework request ({@code WDFREQUEST}), the driver's handle to one I/O. It arrives from a
 * requester, waits in a queue, is delivered to the driver (who then owns it) and ends with one
 * completion. Calls on a request the driver does not own, or after it completed, are the
 * verifier's findings (io-queues-and-requests.md). Status codes are NTSTATUS values
 * ({@link dev.wdfrr.runtime.NtStatus#code()}).
 */
public interface WdfRequest extends WdfObject {
    RequestType type();

    /** Read or write length, or an ioctl's output buffer length. */
    long length();

    /** An ioctl's input buffer length (0 otherwise). */
    long inputLength();

    /** The ioctl code (0 otherwise). */
    int ioControlCode();

    /** The queue it belongs to now ({@code WdfRequestGetIoQueue}). */
    WdfQueue queue();

    /** The file handle it was sent on. */
    dev.wdfrr.runtime.hw.Requester requester();

    /** The typed context from the device's request attributes, or null. */
    <C> C context();

    /** {@code WdfRequestComplete}. */
    void complete(long status);

    /** {@code WdfRequestCompleteWithInformation}. */
    void complete(long status, long information);

    /** {@code WdfRequestSetInformation}. */
    void setInformation(long information);

    /** {@code WdfRequestMarkCancelable}: the routine runs once if the request is (or was) cancelled. */
    void markCancelable(EvtRequestCancel onCancel);

    /** {@code WdfRequestMarkCancelableEx}: STATUS_CANCELLED instead of calling the routine when already cancelled. */
    long markCancelableEx(EvtRequestCancel onCancel);

    /** {@code WdfRequestUnmarkCancelable}: STATUS_CANCELLED means the cancel routine owns the request. */
    long unmarkCancelable();

    /** {@code WdfRequestIsCanceled}. */
    boolean isCanceled();

    /** {@code WdfRequestForwardToIoQueue}: on success the driver no longer owns it. */
    long forwardToQueue(WdfQueue destination);

    /** {@code WdfRequestRequeue} (manual queues): back at the head of its queue. */
    long requeue();

    /** {@code WdfRequestStopAcknowledge} from (or after) EvtIoStop. */
    void stopAcknowledge(boolean requeue);

    /** {@code WdfObjectReference}: keeps the handle valid after completion (calls on it are still refused). */
    void reference();

    /** {@code WdfObjectDereference}. */
    void dereference();

    // ---- the requester's side (the IRP's I/O status; not framework calls) ----

    /** The I/O has completed (the requester's view). */
    boolean isCompleted();

    /** The NTSTATUS it completed with (the requester's view), or -1 while pending. */
    long completionStatus();

    /** The information it completed with (the requester's view). */
    long completionInformation();
}
