package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.wdf.RequestType;

/**
 * The framework's own checks on a driver's request calls ({@code FxRequest}'s {@code Verify*}
 * and {@code FxVerifier}; io-queues-and-requests.md [R3]-[R6], [R16]): each found misuse is a
 * violation whose message says what the real framework does next. Every method is called inside
 * enter/exit. The checks that also trace the call's refusal stay with the call.
 */
final class RequestChecks {
    private final Kernel k;
    private final IrqlRules irql;

    RequestChecks(Kernel k, IrqlRules irql) {
        this.k = k;
        this.irql = irql;
    }

    /** A call at most at DISPATCH on a request not yet completed ([R16]); false when refused. */
    boolean notCompleted(LogicalThread t, RequestImpl r, String call) {
        if (!irql.ok(t, Irql.DISPATCH, r, call)) {
            return false;
        }
        if (r.completed()) {
            useAfterComplete(t, r, call);
            return false;
        }
        return true;
    }

    /** {@link #notCompleted}, and the driver owns it ({@code FxRequest::VerifyRequestIsDriverOwned}); false when refused. */
    boolean driverOwned(LogicalThread t, RequestImpl r, String call) {
        if (!notCompleted(t, r, call)) {
            return false;
        }
        if (r.where != RequestImpl.Where.OWNED) {
            notOwned(t, r, call);
            return false;
        }
        return true;
    }

    /**
     * {@code WdfRequestComplete}'s checks ({@code FxRequest::VerifyCompleteInternal}): false when the
     * completion is refused; a still-cancelable request is reported and completed ([R5]); an
     * information longer than a read's or write's buffer is bug check 0x10D.
     */
    boolean completable(LogicalThread t, RequestImpl r, long status, long info) {
        if (!irql.ok(t, Irql.DISPATCH, r, "WdfRequestComplete")) {
            return false;
        }
        if (r.completed()) {
            // FxRequest::VerifyRequestIsDriverOwned on a completed request (or memory reused)
            k.violation(t, Rule.REQUEST_COMPLETED_TWICE, r.id, "WdfRequestComplete of " + r.describe()
                    + " on " + t.name + ": it was already completed (" + NtStatus.describe(r.status)
                    + "); the verifier refuses it, without the verifier it is a use of freed memory");
            return false;
        }
        if (r.where != RequestImpl.Where.OWNED) {
            notOwned(t, r, "WdfRequestComplete");
            return false;
        }
        if (r.cancelable && !r.cancelRoutineStarted) {
            // FxRequest::VerifyCompleteInternal: "Completing Cancelable WDFREQUEST"
            k.violation(t, Rule.COMPLETE_CANCELABLE, r.id, "WdfRequestComplete of " + r.describe() + " on " + t.name
                    + " while it is still marked cancelable: call WdfRequestUnmarkCancelable before WdfRequestComplete"
                    + " (the completion proceeds)");
        }
        if (NtStatus.isSuccess(status) && info > r.length && (r.type == RequestType.READ || r.type == RequestType.WRITE)) {
            // FxRequest::VerifyCompleteInternal: WDF_REQUEST_FATAL_ERROR / INFORMATION_LENGTH_MISMATCH
            k.violation(t, Rule.INFORMATION_LENGTH_MISMATCH, r.id, "WdfRequestCompleteWithInformation of "
                    + r.describe() + ": information " + info + " exceeds its " + r.type.label() + " length " + r.length);
            throw new BugCheckException("bug check 0x10D WDF_VIOLATION (0x6 WDF_REQUEST_FATAL_ERROR, 0x4 "
                    + "INFORMATION_LENGTH_MISMATCH): " + r.describe() + " completed with information " + info
                    + " > length " + r.length);
        }
        return true;
    }

    void notOwned(LogicalThread t, RequestImpl r, String call) {
        k.violation(t, Rule.REQUEST_NOT_OWNED, r.id, call + " of " + r.describe() + ", which is not owned by the driver ("
                + r.stateText() + "): refused");
    }

    /** [R16] any call on a completed request. */
    void useAfterComplete(LogicalThread t, RequestImpl r, String call) {
        k.violation(t, Rule.USE_AFTER_COMPLETE, r.id, call + " of " + r.describe() + " on " + t.name
                + " after it was completed (" + NtStatus.describe(r.status) + "): its handle is freed unless referenced; refused");
    }
}
