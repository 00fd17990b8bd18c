package dev.wdfrr.viewer.internal.model;

/** A growable array of longs in fixed-size chunks (see {@link Chunks}). */
public final class LongChunks extends Chunks {
    public LongChunks() {
        super(long.class, 8);
    }

    /** Appends a value and returns its index. */
    public int add(long v) {
        ((long[]) chunkForAppend())[size & MASK] = v;
        return size++;
    }

    /** The value at {@code i}, which must be below {@link #size()}. */
    public long get(int i) {
        return ((long[]) chunks[i >>> SHIFT])[i & MASK];
    }

    public void set(int i, long v) {
        checkIndex(i);
        ((long[]) chunks[i >>> SHIFT])[i & MASK] = v;
    }

    /** A copy of the values as one array. */
    public long[] toArray() {
        return (long[]) copyAll();
    }
}
