package dev.wdfrr.viewer.internal.model;

import java.util.Arrays;

/**
 * A growable array of shorts kept in fixed-size chunks. Appending never copies more than the
 * first, still small chunk, and a large column wastes at most one chunk, where a doubling
 * array would waste up to half of itself: that is what keeps a 10M-event model within its
 * bytes-per-event budget. A chunk of 2^15 elements stays below half of G1's smallest region,
 * so it is never a humongous object (which would take a whole region).
 */
public final class ShortChunks {
    static final int SHIFT = 15;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;

    private short[][] chunks = {new short[16]};
    private int size;

    /** Appends a value and returns its index. */
    public int add(short v) {
        int c = size >>> SHIFT;
        int o = size & MASK;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        short[] a = chunks[c];
        if (a == null) {
            a = new short[CHUNK];
            chunks[c] = a;
        } else if (o == a.length) {
            a = Arrays.copyOf(a, Math.min(CHUNK, a.length * 2));
            chunks[c] = a;
        }
        a[o] = v;
        return size++;
    }

    /** The value at {@code i}, which must be below {@link #size()}. */
    public short get(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    public void set(int i, short v) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " >= " + size);
        }
        chunks[i >>> SHIFT][i & MASK] = v;
    }

    public int size() {
        return size;
    }

    /** Bytes of heap the chunks take (for the memory budget). */
    public long allocatedBytes() {
        long n = 16L + 8L * chunks.length;
        for (short[] a : chunks) {
            n += a == null ? 0 : 16L + 2L * a.length;
        }
        return n;
    }

    /** A copy of the values as one array. */
    public short[] toArray() {
        short[] out = new short[size];
        for (int i = 0, c = 0; i < size; i += CHUNK, c++) {
            System.arraycopy(chunks[c], 0, out, i, Math.min(CHUNK, size - i));
        }
        return out;
    }
}
