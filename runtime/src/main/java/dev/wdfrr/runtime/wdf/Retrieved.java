package dev.wdfrr.runtime.wdf;

import dev.wdfrr.runtime.NtStatus;

/** What a retrieval returns: the NTSTATUS and, when it succeeded, the request. */
public record Retrieved(long status, WdfRequest request) {
    /** NT_SUCCESS(status) and a request. */
    public boolean ok() {
        return request != null && NtStatus.isSuccess(status);
    }
}
