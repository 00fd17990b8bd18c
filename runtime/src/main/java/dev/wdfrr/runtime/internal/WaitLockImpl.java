package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.WaitLock;

/** A wait lock object; {@link Locks} does the work. */
final class WaitLockImpl extends ObjectImpl implements WaitLock {
    private final Locks locks;
    final LockState state;

    WaitLockImpl(Locks locks, Lifetime lifetime, int id, String name, ObjectImpl parent) {
        super(lifetime, id, name, ObjectKind.WAIT_LOCK, parent, null, null);
        this.locks = locks;
        this.state = new LockState(id, name, LockKind.WAIT);
    }

    @Override
    public boolean acquire(long timeoutNanos) {
        return locks.acquireWait(this, state, timeoutNanos);
    }

    @Override
    public void release() {
        locks.release(this, state);
    }
}
