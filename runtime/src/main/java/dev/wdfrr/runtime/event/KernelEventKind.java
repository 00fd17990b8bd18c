package dev.wdfrr.runtime.event;

/**
 * The two kinds of kernel event ({@code EVENT_TYPE}); the low bits of the argument of
 * {@link EventType#KEVENT_CREATE}.
 */
public enum KernelEventKind {
    /** {@code NotificationEvent}: a set wakes every waiter and stays signaled until cleared. */
    NOTIFICATION(0),
    /** {@code SynchronizationEvent}: a set wakes one waiter, and satisfying a wait clears it again. */
    SYNCHRONIZATION(2);

    private final int id;

    KernelEventKind(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The kind in a {@link EventType#KEVENT_CREATE} argument (its {@link EventType#SIGNALED} bit ignored), or null. */
    public static KernelEventKind ofArg(long arg) {
        long kind = arg & ~(long) EventType.SIGNALED;
        for (KernelEventKind k : values()) {
            if (k.id == kind) {
                return k;
            }
        }
        return null;
    }
}
