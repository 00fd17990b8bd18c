package dev.wdfrr.runtime.wdf;

/** A framework wait lock ({@code WDFWAITLOCK}): a mutex acquired at PASSIVE, optionally with a timeout. */
public interface WaitLock extends WdfObject {
    /** {@code WdfWaitLockAcquire} with no timeout: waits until acquired. */
    default void acquire() {
        acquire(-1);
    }

    /**
     * {@code WdfWaitLockAcquire} with a timeout in nanoseconds: negative waits forever, 0 only
     * tries (callable below DISPATCH).
     *
     * @return true if acquired, false on timeout
     */
    boolean acquire(long timeoutNanos);

    /** {@code WdfWaitLockRelease}. */
    void release();
}
