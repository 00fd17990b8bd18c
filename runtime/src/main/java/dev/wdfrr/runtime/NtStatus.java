package dev.wdfrr.runtime;

/**
 * The NTSTATUS values the runtime's calls return or fail with, with the framework's codes
 * ({@code ntstatus.h}, {@code wdfstatus.h}). Request calls take and return the {@link #code()}.
 */
public enum NtStatus {
    SUCCESS(0x00000000L),
    BUFFER_OVERFLOW(0x80000005L),
    DEVICE_BUSY(0x80000011L),
    NO_MORE_ENTRIES(0x8000001AL),
    INVALID_PARAMETER(0xC000000DL),
    INVALID_DEVICE_REQUEST(0xC0000010L),
    DELETE_PENDING(0xC0000056L),
    INSUFFICIENT_RESOURCES(0xC000009AL),
    IO_TIMEOUT(0xC00000B5L),
    NOT_SUPPORTED(0xC00000BBL),
    CANCELLED(0xC0000120L),
    INVALID_DEVICE_STATE(0xC0000184L),
    NOT_FOUND(0xC0000225L),
    WDF_PAUSED(0xC0200203L),
    WDF_BUSY(0xC0200204L),
    WDF_NO_CALLBACK(0xC020020BL),
    /** wdfstatus.h: 0xC020020C (0xC020020D is STATUS_WDF_PARENT_ALREADY_ASSIGNED). */
    WDF_INCOMPATIBLE_EXECUTION_LEVEL(0xC020020CL),
    /** wdfstatus.h: 0xC0200212. */
    WDF_PARENT_NOT_SPECIFIED(0xC0200212L);

    private final long code;

    NtStatus(long code) {
        this.code = code;
    }

    /** The NTSTATUS code, e.g. {@code 0xC000000D}. */
    public long code() {
        return code;
    }

    /** NT_SUCCESS: the severity bits are success (0) or informational (1). */
    public static boolean isSuccess(long code) {
        return (int) code >= 0;
    }

    /** The status with this code (low 32 bits compared), or null when the runtime does not name it. */
    public static NtStatus ofCode(long code) {
        long c = code & 0xFFFFFFFFL;
        for (NtStatus s : values()) {
            if (s.code == c) {
                return s;
            }
        }
        return null;
    }

    /** {@code STATUS_CANCELLED (0xC0000120)}, or {@code 0x...} for a code the runtime does not name. */
    public static String describe(long code) {
        NtStatus s = ofCode(code);
        return s != null ? s.toString() : String.format("0x%08X", code & 0xFFFFFFFFL);
    }

    @Override
    public String toString() {
        return "STATUS_" + name() + String.format(" (0x%08X)", code);
    }
}
