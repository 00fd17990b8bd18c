package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.WaitLock;

/** A wait lock object; the kernel does the work. */
final class WaitLockImpl extends ObjectImpl implements WaitLock {
    final LockState state;

    WaitLockImpl(Kernel kernel, int id, String name, ObjectImpl parent) {
        super(kernel, id, name, ObjectKind.WAIT_LOCK, parent, null, null);
        this.state = new LockState(id, name, LockKind.WAIT);
    }

    @Override
    public boolean acquire(long timeoutNanos) {
        return kernel.acquireWait(this, state, timeoutNanos);
    }

    @Override
    public void release() {
        kernel.release(this, state);
    }
}
