package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;

/**
 * The causal edges between steps of different threads that spans do not already hold: lock
 * release → the next acquire of that lock on another thread, kernel event set → the wait it
 * satisfied on another thread, and a write of a register or traced cell → a read of it on
 * another thread (reads-from). Request edges (interrupt → ISR, DPC_QUEUE → DPC,
 * ENQUEUE → callback) are the spans' {@code cause} links and are not stored twice. Edges are
 * appended in the order of their target, so the edges into a range of rows are a binary search
 * away; 9 bytes per edge.
 */
public final class Causes {
    private final IntChunks from = new IntChunks();
    private final IntChunks to = new IntChunks();
    private final ByteChunks kind = new ByteChunks();
    /** Per lock: the row and thread of its last release. */
    private final LongLongMap lastRelease = new LongLongMap();
    /** Per location: the row and thread of its last write. */
    private final LongLongMap lastWrite = new LongLongMap();
    /** Per kernel event and set number: the row and thread of that set. */
    private final LongLongMap sets = new LongLongMap();

    /** Receives edges. */
    @FunctionalInterface
    public interface Visitor {
        void edge(int fromRow, int toRow, CauseKind kind);
    }

    /** Notes one event (tracking order); adds the edge into it, if any. */
    void track(int row, int typeId, int thread, int object, int related) {
        if (typeId == EventType.LOCK_RELEASE.id()) {
            lastRelease.put(object, pack(row, thread));
        } else if (typeId == EventType.LOCK_ACQUIRE.id()) {
            link(lastRelease.get(object), row, thread, CauseKind.LOCK);
        } else if (typeId == EventType.KEVENT_SET.id()) {
            sets.put((long) object << 32 | related & 0xffffffffL, pack(row, thread));
        } else if (typeId == EventType.KEVENT_WAKE.id() && related != 0) {
            link(sets.get((long) object << 32 | related & 0xffffffffL), row, thread, CauseKind.EVENT);
        } else {
            Access a = Access.of(typeId);
            if (a == Access.WRITE) {
                lastWrite.put(Access.location(typeId, object, related), pack(row, thread));
            } else if (a == Access.READ) {
                link(lastWrite.get(Access.location(typeId, object, related)), row, thread, CauseKind.DATA);
            }
        }
    }

    private void link(long source, int row, int thread, CauseKind k) {
        if (source != LongLongMap.MISSING && (int) source != thread) {
            from.add((int) (source >>> 32));
            to.add(row);
            kind.add((byte) k.ordinal());
        }
    }

    private static long pack(int row, int thread) {
        return (long) row << 32 | thread & 0xffffffffL;
    }

    public int count() {
        return to.size();
    }

    /** Visits the stored edges into rows {@code [fromRow, toRow)}, in target order. */
    public void into(int fromRow, int toRow, Visitor v) {
        int lo = 0;
        int hi = to.size();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (to.get(mid) < fromRow) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < to.size() && to.get(i) < toRow; i++) {
            v.edge(from.get(i), to.get(i), CauseKind.values()[kind.get(i)]);
        }
    }

    long allocatedBytes() {
        return from.allocatedBytes() + to.allocatedBytes() + kind.allocatedBytes() + lastRelease.allocatedBytes()
                + lastWrite.allocatedBytes() + sets.allocatedBytes();
    }
}
