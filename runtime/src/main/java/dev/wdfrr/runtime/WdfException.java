package dev.wdfrr.runtime;

/** A framework call failed with an NTSTATUS, as the real DDI would return it. */
public class WdfException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final NtStatus status;

    public WdfException(NtStatus status, String message) {
        super(message + " [" + status + "]");
        this.status = status;
    }

    /** The status the DDI would have returned. */
    public NtStatus status() {
        return status;
    }
}
