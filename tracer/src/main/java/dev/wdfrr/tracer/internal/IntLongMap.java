package dev.wdfrr.tracer.internal;

import java.util.Arrays;

/**
 * An int → long map with open addressing, for per-thread and per-object values of traces that
 * may name millions of ids: about 24 bytes an entry, no object per entry.
 */
public final class IntLongMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private int[] keys = new int[16];
    private long[] values = new long[16];
    private int size;

    public IntLongMap() {
        Arrays.fill(values, EMPTY);
    }

    /** The value of {@code key}, or {@code missing}. */
    public long get(int key, long missing) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = i + 1 & mask) {
            if (values[i] == EMPTY) {
                return missing;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    public boolean containsKey(int key) {
        return get(key, EMPTY) != EMPTY;
    }

    /** Sets {@code key} to {@code value}, which must not be {@link Long#MIN_VALUE}. */
    public void put(int key, long value) {
        if (value == EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE cannot be stored");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = i + 1 & mask) {
            if (values[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    public int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(values, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ h >>> 16;
    }
}
