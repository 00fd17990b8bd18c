package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.SpinLock;

/** A spin lock object; the kernel does the work. */
final class SpinLockImpl extends ObjectImpl implements SpinLock {
    final LockState state;

    SpinLockImpl(Kernel kernel, int id, String name, ObjectImpl parent) {
        super(kernel, id, name, ObjectKind.SPIN_LOCK, parent, null, null);
        this.state = new LockState(id, name, LockKind.SPIN);
    }

    @Override
    public void acquire() {
        kernel.acquireSpin(this);
    }

    @Override
    public void release() {
        kernel.release(this, state);
    }
}
