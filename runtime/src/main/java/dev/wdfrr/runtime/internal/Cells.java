package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.CellKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;

import java.util.IdentityHashMap;
import java.util.function.LongUnaryOperator;

/**
 * Traced shared memory: cells of driver state whose every access is a scheduling point and an
 * event ({@code mem_read}/{@code mem_write}) carrying the value, read or written in the same
 * step as the event, after the thread was scheduled. Plain {@code get}/{@code set} are plain
 * accesses; the interlocked operations trace their read and their write with
 * {@link EventType#ATOMIC}. No IRQL rule applies: memory can be touched at any level. A cell
 * holds its value as a long: a boolean as 0 or 1, a reference as the identity number the run
 * gave the object the first time a cell stored it (0 for null), so a trace and a replay compare
 * which object, not its contents.
 */
final class Cells {
    private final Kernel k;
    /** Identity numbers of the objects reference cells hold, in the order first stored; per run. */
    private final IdentityHashMap<Object, Long> identities = new IdentityHashMap<>();

    Cells(Kernel k) {
        this.k = k;
    }

    // ------------------------------------------------------------------ creation

    LongCell newLong(String name, long initial) {
        return (LongCell) create(name, CellKind.LONG, initial, null);
    }

    BooleanCell newBoolean(String name, boolean initial) {
        return (BooleanCell) create(name, CellKind.BOOLEAN, initial ? 1 : 0, null);
    }

    @SuppressWarnings("unchecked")
    <T> RefCell<T> newRef(String name, T initial) {
        return (RefCell<T>) create(name, CellKind.REFERENCE, 0, initial);
    }

    private CellImpl create(String name, CellKind kind, long bits, Object ref) {
        LogicalThread t = k.current();
        k.enter(t, EventType.CELL_CREATE, 0);
        try {
            CellImpl c = createLocked(t, 0, name, kind);
            c.bits = bits;
            if (kind == CellKind.REFERENCE) {
                c.ref = ref;
                c.bits = identity(ref);
            }
            return c;
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: a zeroed cell belonging to {@code owner} (0 for none), traced. */
    CellImpl createLocked(LogicalThread t, int owner, String name, CellKind kind) {
        int id = k.newObjectId();
        String n = name != null ? name : "cell-" + id;
        CellImpl c = switch (kind) {
            case LONG -> new CellImpl.Long(this, id, n);
            case BOOLEAN -> new CellImpl.Bool(this, id, n);
            case REFERENCE -> new CellImpl.Ref<>(this, id, n);
        };
        k.nameObject(t, id, n);
        k.emit(t, EventType.CELL_CREATE, id, owner, kind.id());
        return c;
    }

    private long identity(Object o) {
        if (o == null) {
            return 0;
        }
        Long n = identities.get(o);
        if (n == null) {
            n = (long) identities.size() + 1;
            identities.put(o, n);
        }
        return n;
    }

    // ------------------------------------------------------------------ accesses

    /** The locked part of one access: emits its events and returns what the call returns. */
    @FunctionalInterface
    private interface Access<R> {
        R run(LogicalThread t);
    }

    /** One access: its call site found outside the lock, then a scheduling point, then the access and its events in one step. */
    private <R> R step(CellImpl c, EventType op, Access<R> access) {
        LogicalThread t = k.current();
        String site = k.callSite(t);
        k.enter(t, op, c.id);
        try {
            k.emitSite(t, site);
            return access.run(t);
        } finally {
            k.exit(t);
        }
    }

    /** A plain read of the cell's bits. */
    long read(CellImpl c) {
        return step(c, EventType.MEM_READ, t -> {
            k.emit(t, EventType.MEM_READ, c.id, 0, c.bits);
            return c.bits;
        });
    }

    /** A plain read of a reference cell: the object, traced by its identity number. */
    Object readRef(CellImpl c) {
        return step(c, EventType.MEM_READ, t -> {
            k.emit(t, EventType.MEM_READ, c.id, 0, c.bits);
            return c.ref;
        });
    }

    /** A plain write. */
    void write(CellImpl c, long bits, Object ref) {
        step(c, EventType.MEM_WRITE, t -> {
            store(c, bits, ref);
            k.emit(t, EventType.MEM_WRITE, c.id, 0, c.bits);
            return null;
        });
    }

    /**
     * An interlocked read-modify-write: reads (traced) and, unless it is a compare-exchange that
     * found other than {@code expected}, writes {@code next(old)} (traced). Returns the old bits.
     */
    long update(CellImpl c, boolean compare, long expected, LongUnaryOperator next) {
        return step(c, EventType.MEM_WRITE, t -> {
            long old = c.bits;
            k.emit(t, EventType.MEM_READ, c.id, EventType.ATOMIC, old);
            if (!compare || old == expected) {
                c.bits = next.applyAsLong(old);
                k.emit(t, EventType.MEM_WRITE, c.id, EventType.ATOMIC, c.bits);
            }
            return old;
        });
    }

    /** An interlocked compare-exchange or exchange of a reference; returns the old object. */
    Object updateRef(CellImpl c, Object expected, boolean compare, Object value) {
        return step(c, EventType.MEM_WRITE, t -> {
            Object old = c.ref;
            k.emit(t, EventType.MEM_READ, c.id, EventType.ATOMIC, c.bits);
            if (!compare || old == expected) {
                store(c, 0, value);
                k.emit(t, EventType.MEM_WRITE, c.id, EventType.ATOMIC, c.bits);
            }
            return old;
        });
    }

    private void store(CellImpl c, long bits, Object ref) {
        if (c instanceof CellImpl.Ref<?>) {
            c.ref = ref;
            c.bits = identity(ref);
        } else {
            c.bits = bits;
        }
    }
}
