package dev.wdfrr.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The codes are the framework's (ntstatus.h, wdfstatus.h). */
class NtStatusTest {
    @Test
    void wdfStatusCodesAreTheFrameworks_wdfstatusH() {
        assertThat(NtStatus.WDF_PARENT_NOT_SPECIFIED.code()).isEqualTo(0xC0200212L);
        assertThat(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL.code()).isEqualTo(0xC020020CL);
        assertThat(NtStatus.WDF_PAUSED.code()).isEqualTo(0xC0200203L);
        assertThat(NtStatus.WDF_BUSY.code()).isEqualTo(0xC0200204L);
        assertThat(NtStatus.WDF_NO_CALLBACK.code()).isEqualTo(0xC020020BL);
    }

    @Test
    void ntStatusCodesAreTheKernels_ntstatusH() {
        assertThat(NtStatus.CANCELLED.code()).isEqualTo(0xC0000120L);
        assertThat(NtStatus.INVALID_DEVICE_STATE.code()).isEqualTo(0xC0000184L);
        assertThat(NtStatus.INVALID_DEVICE_REQUEST.code()).isEqualTo(0xC0000010L);
        assertThat(NtStatus.NO_MORE_ENTRIES.code()).isEqualTo(0x8000001AL);
        assertThat(NtStatus.DEVICE_BUSY.code()).isEqualTo(0x80000011L);
        assertThat(NtStatus.NOT_FOUND.code()).isEqualTo(0xC0000225L);
        assertThat(NtStatus.IO_TIMEOUT.code()).isEqualTo(0xC00000B5L);
    }

    @Test
    void codesAreDistinctAndLookedUpAndWarnAsSuccess() {
        for (NtStatus s : NtStatus.values()) {
            assertThat(NtStatus.ofCode(s.code())).isSameAs(s);
        }
        assertThat(NtStatus.isSuccess(NtStatus.SUCCESS.code())).isTrue();
        assertThat(NtStatus.isSuccess(NtStatus.NO_MORE_ENTRIES.code())).isFalse(); // a warning: NT_SUCCESS is false
        assertThat(NtStatus.isSuccess(NtStatus.CANCELLED.code())).isFalse();
        assertThat(NtStatus.describe(0xC0000120L)).isEqualTo("STATUS_CANCELLED (0xC0000120)");
        assertThat(NtStatus.describe(0x12345L)).isEqualTo("0x00012345");
    }
}
