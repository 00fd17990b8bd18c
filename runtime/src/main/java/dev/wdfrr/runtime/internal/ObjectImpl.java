package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.wdf.ObjectCallback;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.WdfObject;

import java.util.ArrayList;

/**
 * Common state of every framework object: identity, the parent/child tree, the deleted flag and
 * the cleanup/destroy callbacks. Guarded by the kernel; {@link #dead} is volatile so fast paths
 * can read it without entering the kernel.
 */
class ObjectImpl implements WdfObject {
    final Kernel kernel;
    final int id;
    final String name;
    final ObjectKind kind;
    final ObjectImpl parent;
    final ArrayList<ObjectImpl> children = new ArrayList<>(2);
    final ObjectCallback cleanup;
    final ObjectCallback destroy;
    /** The handle is dead: delete was called on it or an ancestor. */
    volatile boolean dead;
    /** A disposal of this object has begun (guards against disposing twice). */
    boolean disposing;
    /** Cleanup and destroy have run: the memory is gone. */
    boolean destroyed;

    ObjectImpl(Kernel kernel, int id, String name, ObjectKind kind, ObjectImpl parent,
               ObjectCallback cleanup, ObjectCallback destroy) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.parent = parent;
        this.cleanup = cleanup;
        this.destroy = destroy;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ObjectKind kind() {
        return kind;
    }

    @Override
    public void delete() {
        kernel.delete(this);
    }

    @Override
    public boolean isDeleted() {
        return dead;
    }

    /** Nearest device or queue at or above this object, or null. */
    ObjectImpl nearestDeviceOrQueue() {
        for (ObjectImpl o = this; o != null; o = o.parent) {
            if (o instanceof DeviceImpl || o instanceof QueueImpl) {
                return o;
            }
        }
        return null;
    }

    /** Nearest device at or above this object, or null when there is none. */
    DeviceImpl deviceAncestor() {
        for (ObjectImpl o = this; o != null; o = o.parent) {
            if (o instanceof DeviceImpl d) {
                return d;
            }
        }
        return null;
    }

    /** "work item 'rx' (#7)". */
    String describe() {
        String what = switch (kind) {
            case DRIVER -> "driver";
            case DEVICE -> "device";
            case QUEUE -> "queue";
            case WORK_ITEM -> "work item";
            case INTERRUPT -> "interrupt";
            case SPIN_LOCK -> "spin lock";
            case WAIT_LOCK -> "wait lock";
            case GENERIC -> "object";
            case VIRTUAL_DEVICE -> "virtual device";
            case FIFO -> "FIFO";
            case CALLBACK_LOCK -> "callback lock";
        };
        return what + " '" + name + "' (#" + id + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
