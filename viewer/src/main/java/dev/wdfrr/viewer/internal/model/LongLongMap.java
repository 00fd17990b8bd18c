package dev.wdfrr.viewer.internal.model;

/** A map of longs to longs with open addressing: no object per entry, for per-event bookkeeping. */
final class LongLongMap {
    /** What {@link #get} returns for a key that is not there. */
    static final long MISSING = Long.MIN_VALUE;

    private long[] keys = new long[16];
    private long[] values = new long[16];
    private boolean[] used = new boolean[16];
    private int size;

    long get(long key) {
        for (int i = slot(key); ; i = i + 1 & keys.length - 1) {
            if (!used[i]) {
                return MISSING;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    void put(long key, long value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        for (int i = slot(key); ; i = i + 1 & keys.length - 1) {
            if (!used[i]) {
                used[i] = true;
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

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & keys.length - 1;
    }

    private void grow() {
        long[] k = keys;
        long[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new long[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
    }

    long allocatedBytes() {
        return 17L * keys.length + 48;
    }

}
