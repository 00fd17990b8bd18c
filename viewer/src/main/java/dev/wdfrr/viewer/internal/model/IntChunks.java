package dev.wdfrr.viewer.internal.model;

/** A growable array of ints in fixed-size chunks (see {@link Chunks}). */
public final class IntChunks extends Chunks {
    public IntChunks() {
        super(int.class, 4);
    }

    /** Appends a value and returns its index. */
    public int add(int v) {
        ((int[]) chunkForAppend())[size & MASK] = v;
        return size++;
    }

    /** The value at {@code i}, which must be below {@link #size()}. */
    public int get(int i) {
        return ((int[]) chunks[i >>> SHIFT])[i & MASK];
    }

    public void set(int i, int v) {
        checkIndex(i);
        ((int[]) chunks[i >>> SHIFT])[i & MASK] = v;
    }

    /** A copy of the values as one array. */
    public int[] toArray() {
        return (int[]) copyAll();
    }
}
