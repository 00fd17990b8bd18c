package dev.wdfrr.bench;

import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.NameKind;

/** An in-memory sink with a fixed ring of primitive slots: the cost of recording, without unbounded growth. */
final class RingSink implements EventSink {
    private static final int SIZE = 1 << 16;
    private final long[] words = new long[SIZE * 4];
    private long count;

    @Override
    public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
        int i = (int) (seq & (SIZE - 1)) * 4;
        words[i] = seq;
        words[i + 1] = time;
        words[i + 2] = (long) type << 48 | (long) thread << 32 | (cpu & 0xffL) << 24 | (irql & 0xffL) << 16;
        words[i + 3] = (long) object << 32 | related & 0xffffffffL ^ arg;
        count++;
    }

    @Override
    public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
        event(seq, time, 1, thread, -1, 0, id, kind.id(), 0);
    }

    long count() {
        return count;
    }
}
