package dev.wdfrr.viewer.internal.model;

/** A growable array of shorts in fixed-size chunks (see {@link Chunks}). */
public final class ShortChunks extends Chunks {
    public ShortChunks() {
        super(short.class, 2);
    }

    /** Appends a value and returns its index. */
    public int add(short v) {
        ((short[]) chunkForAppend())[size & MASK] = v;
        return size++;
    }

    /** The value at {@code i}, which must be below {@link #size()}. */
    public short get(int i) {
        return ((short[]) chunks[i >>> SHIFT])[i & MASK];
    }

    public void set(int i, short v) {
        checkIndex(i);
        ((short[]) chunks[i >>> SHIFT])[i & MASK] = v;
    }

    /** A copy of the values as one array. */
    public short[] toArray() {
        return (short[]) copyAll();
    }
}
