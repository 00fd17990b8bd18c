package dev.wdfrr.viewer.internal.model;

import java.lang.reflect.Array;

/**
 * A growable array of one primitive type kept in fixed-size chunks. Appending never copies more
 * than the first, still small chunk, and a large column wastes at most one chunk, where a
 * doubling array would waste up to half of itself: that is what keeps a 10M-event model within
 * its bytes-per-event budget. A chunk of 2^15 elements stays below half of G1's smallest region,
 * so it is never a humongous object (which would take a whole region). The subclasses add the
 * typed accessors; this class does the growing, for all of them.
 */
abstract class Chunks {
    static final int SHIFT = 15;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;

    private final Class<?> component;
    private final int elementBytes;
    /** Each element is an array of {@link #component}; read by the subclasses' typed getters. */
    Object[] chunks;
    int size;

    Chunks(Class<?> component, int elementBytes) {
        this.component = component;
        this.elementBytes = elementBytes;
        this.chunks = new Object[]{Array.newInstance(component, 16)};
    }

    /** The chunk that index {@link #size} falls in, grown or allocated so that it has room for it. */
    final Object chunkForAppend() {
        int c = size >>> SHIFT;
        int o = size & MASK;
        if (c == chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, c * 2);
        }
        Object a = chunks[c];
        if (a == null) {
            a = Array.newInstance(component, CHUNK);
            chunks[c] = a;
        } else if (o == Array.getLength(a)) {
            Object bigger = Array.newInstance(component, Math.min(CHUNK, o * 2));
            System.arraycopy(a, 0, bigger, 0, o);
            a = bigger;
            chunks[c] = a;
        }
        return a;
    }

    final void checkIndex(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " >= " + size);
        }
    }

    public final int size() {
        return size;
    }

    /** Bytes of heap the chunks take (for the memory budget). */
    public final long allocatedBytes() {
        long n = 16L + 8L * chunks.length;
        for (Object a : chunks) {
            n += a == null ? 0 : 16L + (long) elementBytes * Array.getLength(a);
        }
        return n;
    }

    /** The values as one array of the component type. */
    final Object copyAll() {
        Object out = Array.newInstance(component, size);
        for (int i = 0, c = 0; i < size; i += CHUNK, c++) {
            System.arraycopy(chunks[c], 0, out, i, Math.min(CHUNK, size - i));
        }
        return out;
    }
}
