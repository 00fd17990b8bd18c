package dev.wdfrr.runtime;

/** The NTSTATUS values the runtime's create calls fail with. */
public enum NtStatus {
    INVALID_PARAMETER(0xC000000DL),
    INVALID_DEVICE_REQUEST(0xC0000010L),
    INVALID_DEVICE_STATE(0xC0000184L),
    WDF_PARENT_NOT_SPECIFIED(0xC0200227L),
    WDF_INCOMPATIBLE_EXECUTION_LEVEL(0xC020020DL),
    DELETE_PENDING(0xC0000056L);

    private final long code;

    NtStatus(long code) {
        this.code = code;
    }

    /** The NTSTATUS code, e.g. {@code 0xC000000D}. */
    public long code() {
        return code;
    }

    @Override
    public String toString() {
        return "STATUS_" + name() + String.format(" (0x%08X)", code);
    }
}
