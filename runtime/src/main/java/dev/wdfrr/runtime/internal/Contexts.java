package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.CellKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Object contexts, as {@code FxObject} keeps them ({@code AddContext}, and
 * {@code WdfObjectGetTypedContextWorker} in handleapi.cpp): typed memory attached to an object,
 * zero-initialised, one per type, living until the object's destroy callback has returned.
 * Contexts come from the object's attributes at create time or from
 * {@code WdfObjectAllocateContext} later; once attached one is never removed, so finding one
 * needs no lock (src: readers of the context list take none).
 *
 * <p>Zero-initialised memory holds no Java objects, so a context's fields that are cells
 * ({@link LongCell}, {@link BooleanCell}, {@link RefCell}) and still null after its no-argument
 * constructor get fresh cells (0, false, null) named {@code object.field}: shared state in a
 * device context is traced like any cell.
 */
final class Contexts {
    private final Kernel k;
    private final IrqlRules irql;
    private final Cells cells;

    Contexts(Kernel k, IrqlRules irql, Cells cells) {
        this.k = k;
        this.irql = irql;
        this.cells = cells;
    }

    /**
     * A fresh instance of {@code type}, or null for none (null or {@code Void}); made before the
     * object, so that a type without a no-argument constructor fails the create cleanly.
     */
    static Object instantiate(Class<?> type) {
        if (type == null || type == Void.class) {
            return null;
        }
        try {
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WdfException(NtStatus.INVALID_PARAMETER, "context type " + type.getName()
                    + " needs a no-argument constructor (" + e + ")");
        }
    }

    /** Inside enter/exit, after the object's create event: attaches {@code context} (if any), traced, its cells made. */
    void attach(LogicalThread t, ObjectImpl o, Object context) {
        if (context == null) {
            return;
        }
        o.addContext(context);
        k.emit(t, EventType.CONTEXT_CREATE, o.id, k.intern(t, context.getClass().getName()), 0);
        for (Class<?> c = context.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                CellKind kind = f.getType() == LongCell.class ? CellKind.LONG : f.getType() == BooleanCell.class
                        ? CellKind.BOOLEAN : f.getType() == RefCell.class ? CellKind.REFERENCE : null;
                if (kind != null && !Modifier.isStatic(f.getModifiers())) {
                    fill(t, o, context, f, kind);
                }
            }
        }
    }

    private void fill(LogicalThread t, ObjectImpl o, Object context, Field f, CellKind kind) {
        try {
            f.setAccessible(true);
            if (f.get(context) == null) {
                f.set(context, cells.createLocked(t, o.id, o.name + "." + f.getName(), kind));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WdfException(NtStatus.INVALID_PARAMETER, "cannot give the context field " + f + " its cell: " + e);
        }
    }

    /** {@code WdfObjectGetTypedContext}: any IRQL, no lock; null when the object has no context of that type. */
    static <T> T get(ObjectImpl o, Class<T> type) {
        return type.cast(o.contextOf(type));
    }

    /**
     * {@code WdfObjectAllocateContext}: max DISPATCH; a second context of a type the object has
     * is not added, the existing one is returned (src: {@code STATUS_OBJECT_NAME_EXISTS}); a
     * deleted object takes none.
     */
    <T> T allocate(ObjectImpl o, Class<T> type) {
        if (type == null || type == Void.class) {
            throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfObjectAllocateContext: no context type given");
        }
        LogicalThread t = k.current();
        k.enter(t, EventType.CONTEXT_CREATE, o.id);
        try {
            if (!irql.ok(t, Irql.DISPATCH, o, "WdfObjectAllocateContext")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfObjectAllocateContext above DISPATCH");
            }
            Object existing = o.contextOf(type);
            if (existing != null) {
                return type.cast(existing);
            }
            if (o.dead) {
                throw new WdfException(NtStatus.DELETE_PENDING, "WdfObjectAllocateContext: " + o.describe() + " is deleted");
            }
            Object c = instantiate(type);
            attach(t, o, c);
            return type.cast(c);
        } finally {
            k.exit(t);
        }
    }
}
