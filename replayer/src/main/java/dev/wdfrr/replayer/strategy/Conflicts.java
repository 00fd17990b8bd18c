package dev.wdfrr.replayer.strategy;

import dev.wdfrr.runtime.engine.ThreadView;
import dev.wdfrr.runtime.event.EventType;

/**
 * Which pending steps depend on each other, from what the runtime says each enabled thread is
 * about to do: two steps conflict when they concern the same object and are not both reads. A
 * step on no object (a thread starting, a worker at the top of its loop) conflicts with nothing.
 * Register accesses name their device, not the register: two accesses to different registers of
 * one device count as conflicting, which only costs some needless reordering.
 */
public final class Conflicts {
    private Conflicts() {
    }

    /** True when the order of the two threads' pending steps can matter. */
    public static boolean conflict(ThreadView a, ThreadView b) {
        int object = a.pendingObject();
        if (object == 0 || object != b.pendingObject()) {
            return false;
        }
        return !(isRead(a.pendingOperation()) && isRead(b.pendingOperation()));
    }

    private static boolean isRead(EventType op) {
        return op == EventType.REG_READ;
    }
}
