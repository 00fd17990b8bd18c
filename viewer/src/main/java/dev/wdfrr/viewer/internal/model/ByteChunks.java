package dev.wdfrr.viewer.internal.model;

/** A growable array of bytes in fixed-size chunks (see {@link Chunks}). */
public final class ByteChunks extends Chunks {
    public ByteChunks() {
        super(byte.class, 1);
    }

    /** Appends a value and returns its index. */
    public int add(byte v) {
        ((byte[]) chunkForAppend())[size & MASK] = v;
        return size++;
    }

    /** The value at {@code i}, which must be below {@link #size()}. */
    public byte get(int i) {
        return ((byte[]) chunks[i >>> SHIFT])[i & MASK];
    }

    public void set(int i, byte v) {
        checkIndex(i);
        ((byte[]) chunks[i >>> SHIFT])[i & MASK] = v;
    }

    /** A copy of the values as one array. */
    public byte[] toArray() {
        return (byte[]) copyAll();
    }
}
