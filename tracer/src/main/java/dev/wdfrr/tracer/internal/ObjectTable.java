package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.tracer.Names;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The life of every object the check has seen: its parent, whether it or an ancestor was
 * deleted, and for work items whether a callback is queued and which thread started the latest
 * instance. An object's state is dropped at its destroy event and only a bit remembers it was
 * freed, so a create-per-use driver does not grow the table for the whole trace.
 */
final class ObjectTable {
    /** Parent chains are short; a hand-made trace with a cycle must not hang the walk. */
    private static final int MAX_DEPTH = 64;

    static final class Obj {
        final int id;
        int parent;
        ObjectKind kind;
        boolean workItem;
        /** The create event, or -1 when the trace never showed it. */
        long createSeq = -1;
        int createThread = -1;
        long deletedSeq = -1;
        /** A queued enqueue whose callback has not started. */
        boolean queued;
        /** The framework's m_WorkItemThread: the worker that took the latest instance, until any instance returns; or -1. */
        int latestThread = -1;
        /** Threads that took an instance and wait for its callback lock (a callback_wait not yet started), or null. */
        List<Integer> waiting;
        /** Its rundown began (a {@code rundown} event): an enqueue is refused from here. */
        boolean runningDown;

        Obj(int id) {
            this.id = id;
        }
    }

    private final Map<Integer, Obj> live = new HashMap<>();
    /** Freed ids: a bit each below {@link #DENSE} (ids are handed out in order), a set beyond. */
    private final BitSet freed = new BitSet();
    private final java.util.Set<Integer> freedSparse = new java.util.HashSet<>();
    private static final int DENSE = 1 << 24;

    Obj created(int id, int parent, ObjectKind kind, boolean workItem, long seq, int thread) {
        Obj o = get(id);
        o.parent = parent;
        o.kind = kind;
        o.workItem = workItem;
        o.createSeq = seq;
        o.createThread = thread;
        return o;
    }

    /** The object's state, made on first sight when the trace never showed its creation. */
    Obj get(int id) {
        return live.computeIfAbsent(id, Obj::new);
    }

    void destroyed(int id) {
        live.remove(id);
        if (id >= 0 && id < DENSE) {
            freed.set(id);
        } else {
            freedSparse.add(id);
        }
    }

    boolean isFreed(int id) {
        return id >= 0 && id < DENSE ? freed.get(id) : !freedSparse.isEmpty() && freedSparse.contains(id);
    }

    boolean isInterrupt(int id) {
        Obj o = live.get(id);
        return o != null && o.kind == ObjectKind.INTERRUPT;
    }

    /**
     * Why the object is dead, or null when it is alive: it was destroyed, deleted, or an ancestor
     * was deleted (a parent's deletion deletes its children without a delete event of their own).
     */
    String deadReason(int id, Names names) {
        if (isFreed(id)) {
            return "it was destroyed (a freed handle: the kernel would bug check)";
        }
        Obj o = live.get(id);
        for (int depth = 0; o != null && depth < MAX_DEPTH; depth++) {
            if (o.deletedSeq >= 0) {
                return o.id == id ? "it was deleted at event " + o.deletedSeq
                        : "its ancestor " + Describe.object(names, o.id) + " was deleted at event " + o.deletedSeq;
            }
            if (o.parent == 0) {
                return null;
            }
            if (isFreed(o.parent)) {
                return "its ancestor " + Describe.object(names, o.parent) + " was destroyed";
            }
            o = live.get(o.parent);
        }
        return null;
    }

    /** True when {@code ancestor} is the object or one of its ancestors. */
    boolean isWithin(int id, int ancestor) {
        Obj o = live.get(id);
        for (int depth = 0; o != null && depth < MAX_DEPTH; depth++) {
            if (o.id == ancestor) {
                return true;
            }
            if (o.parent == 0) {
                return false;
            }
            o = live.get(o.parent);
        }
        return false;
    }

    /** Work items whose creation the trace showed and that are neither deleted (directly or by an ancestor) nor destroyed, by creation. */
    List<Obj> leakedWorkItems(Names names) {
        List<Obj> out = new ArrayList<>();
        for (Obj o : live.values()) {
            if (o.workItem && o.createSeq >= 0 && !o.runningDown && deadReason(o.id, names) == null) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparingLong(o -> o.createSeq));
        return out;
    }
}
