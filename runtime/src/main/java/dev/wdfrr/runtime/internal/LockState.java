package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.LockKind;

/** The state of one lock: who holds it and the IRQL to restore on release. Kernel-guarded. */
final class LockState {
    final int id;
    final String name;
    final LockKind kind;
    LogicalThread owner;
    Irql savedIrql = Irql.PASSIVE;

    LockState(int id, String name, LockKind kind) {
        this.id = id;
        this.name = name;
        this.kind = kind;
    }

    boolean free() {
        return owner == null;
    }

    String describe() {
        String what = switch (kind) {
            case SPIN -> "spin lock";
            case WAIT -> "wait lock";
            case INTERRUPT -> "interrupt lock";
            case CALLBACK -> "callback lock";
        };
        return what + " '" + name + "' (#" + id + ")";
    }
}
