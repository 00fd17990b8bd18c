package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.hw.HardwareFifo;

/** A hardware FIFO: a ring of longs, traced on both sides. Kernel-guarded. */
final class FifoImpl implements HardwareFifo {
    private final Hardware hardware;
    final int id;
    final String name;
    private long[] ring = new long[64];
    private int head;
    private int size;

    FifoImpl(Hardware hardware, int id, String name) {
        this.hardware = hardware;
        this.id = id;
        this.name = name;
    }

    @Override
    public void push(long value) {
        hardware.fifoPush(this, value);
    }

    @Override
    public long pop() {
        return hardware.fifoPop(this);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String name() {
        return name;
    }

    void add(long value) {
        if (size == ring.length) {
            long[] bigger = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) % ring.length] = value;
        size++;
    }

    long remove() {
        if (size == 0) {
            return -1;
        }
        long v = ring[head];
        head = (head + 1) % ring.length;
        size--;
        return v;
    }
}
