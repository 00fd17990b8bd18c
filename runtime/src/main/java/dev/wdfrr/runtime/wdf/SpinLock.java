package dev.wdfrr.runtime.wdf;

/** A framework spin lock ({@code WDFSPINLOCK}): acquire at up to DISPATCH, held at DISPATCH. */
public interface SpinLock extends WdfObject {
    /** {@code WdfSpinLockAcquire}: raises to DISPATCH; waits while another thread holds it. */
    void acquire();

    /** {@code WdfSpinLockRelease}: restores the IRQL saved at acquire. */
    void release();
}
