package dev.wdfrr.replayer.internal;

import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;

import java.util.Arrays;

/**
 * A fingerprint of one run's interleaving up to the order of independent steps: for each object,
 * the order in which threads touched it (with consecutive reads of a register counted as a set,
 * since reads commute). Two runs that differ only in how steps on different objects were
 * interleaved — the same Mazurkiewicz trace — get the same hash; runs that order two conflicting
 * steps differently almost surely get different ones. One pass over the events, a small table
 * per object, nothing kept per event.
 */
public final class InterleavingHash implements EventSink {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys = new long[64];
    /** Per key: the running hash of its write order, and the sum of the reads since the last write. */
    private long[] order = new long[64];
    private long[] reads = new long[64];
    private int used;

    public InterleavingHash() {
        Arrays.fill(keys, EMPTY);
    }

    @Override
    public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
        if (object == 0 || !ObjectSteps.touchesObject(type)) {
            return;
        }
        boolean register = type == EventType.REG_READ.id() || type == EventType.REG_WRITE.id();
        long key = register ? ((long) object << 32) | (related & 0xffffffffL) : object;
        int slot = slot(key);
        long step = mix(((long) thread << 8) ^ type);
        if (type == EventType.REG_READ.id()) {
            reads[slot] += step; // a set of reads: their order among themselves does not matter
        } else {
            order[slot] = mix(mix(order[slot] ^ reads[slot]) ^ step);
            reads[slot] = 0;
        }
    }

    @Override
    public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
        // names carry no order
    }

    /** Starts over, keeping the grown table: one hash serves an exploring lane's schedules in turn. */
    public void reset() {
        Arrays.fill(keys, EMPTY);
        Arrays.fill(order, 0);
        Arrays.fill(reads, 0);
        used = 0;
    }

    /** The fingerprint of everything seen so far. */
    public long value() {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                h += mix(keys[i] * 31 + mix(order[i] ^ reads[i] * 7)); // a sum: independent of table layout
            }
        }
        return h;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            if (used * 2 >= keys.length) {
                grow();
                return slot(key);
            }
            keys[i] = key;
            used++;
        }
        return i;
    }

    private void grow() {
        long[] k = keys;
        long[] o = order;
        long[] r = reads;
        keys = new long[k.length * 2];
        order = new long[k.length * 2];
        reads = new long[k.length * 2];
        Arrays.fill(keys, EMPTY);
        used = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != EMPTY) {
                int s = slot(k[i]);
                order[s] = o[i];
                reads[s] = r[i];
            }
        }
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
