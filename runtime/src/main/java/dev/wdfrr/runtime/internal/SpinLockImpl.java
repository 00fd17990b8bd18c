package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.SpinLock;

/** A spin lock object; {@link Locks} does the work. */
final class SpinLockImpl extends ObjectImpl implements SpinLock {
    private final Locks locks;
    final LockState state;

    SpinLockImpl(Locks locks, Lifetime lifetime, int id, String name, ObjectImpl parent) {
        super(lifetime, id, name, ObjectKind.SPIN_LOCK, parent, null, null);
        this.locks = locks;
        this.state = new LockState(id, name, LockKind.SPIN);
    }

    @Override
    public void acquire() {
        locks.acquireSpin(this);
    }

    @Override
    public void release() {
        locks.release(this, state);
    }
}
