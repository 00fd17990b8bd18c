package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every event of a trace as columns of primitives, indexed by row: the row of an event is its
 * sequence number (traces are gapless from 0). About 21 bytes per event: time 4 (an int offset
 * from its chunk's first time; a chunk whose times spread over more than an int falls back to
 * 8), type 1, thread 2, cpu and IRQL 2, object 4, related 4, argument 4 (the rare argument that
 * does not fit an int is kept aside). Name texts are kept aside too; there are few. All columns
 * share one row count and one chunk layout, so appending an event is a handful of stores.
 */
public final class EventColumns {
    /** Largest thread id and CPU the 16-bit columns hold. */
    static final int MAX_THREAD = 0xffff;
    static final int MAX_CPU = (0xffff >>> 3) - 1;
    private static final int SHIFT = LongChunks.SHIFT;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private long[] timeBase = new long[4];
    /** Per chunk an int[] of offsets from timeBase, or a long[] of times when the offsets do not fit. */
    private Object[] time = new Object[4];
    private byte[][] type = new byte[4][];
    private short[][] thread = new short[4][];
    private short[][] cpuIrql = new short[4][];
    private int[][] object = new int[4][];
    private int[][] related = new int[4][];
    private int[][] arg = new int[4][];
    private int size;
    private final Map<Integer, Long> wideArgs = new HashMap<>();
    private final Map<Integer, String> texts = new HashMap<>();

    /** Appends the cursor's event; returns its row. */
    int add(EventCursor c) {
        int row = size;
        if (c.seq() != row) {
            throw new TraceException("event " + c.seq() + " arrived as row " + row + ": the trace is not gapless");
        }
        if (c.thread() < 0 || c.thread() > MAX_THREAD || c.cpu() > MAX_CPU) {
            throw new TraceException("event " + c.seq() + " has thread " + c.thread() + " and cpu " + c.cpu()
                    + "; the viewer handles threads up to " + MAX_THREAD + " and CPUs up to " + MAX_CPU);
        }
        int k = row >>> SHIFT;
        int o = row & MASK;
        if (o == 0) {
            newChunk(k, c.time());
        }
        putTime(k, o, c.time());
        type[k][o] = (byte) c.typeId();
        thread[k][o] = (short) c.thread();
        cpuIrql[k][o] = (short) ((c.cpu() + 1) << 3 | c.irqlOrdinal() & 7);
        object[k][o] = c.object();
        related[k][o] = c.related();
        long a = c.arg();
        arg[k][o] = (int) a;
        if ((int) a != a) {
            wideArgs.put(row, a);
        }
        if (c.text() != null) {
            texts.put(row, c.text());
        }
        size = row + 1;
        return row;
    }

    private void newChunk(int k, long firstTime) {
        if (k == type.length) {
            int n = k * 2;
            timeBase = Arrays.copyOf(timeBase, n);
            time = Arrays.copyOf(time, n);
            type = Arrays.copyOf(type, n);
            thread = Arrays.copyOf(thread, n);
            cpuIrql = Arrays.copyOf(cpuIrql, n);
            object = Arrays.copyOf(object, n);
            related = Arrays.copyOf(related, n);
            arg = Arrays.copyOf(arg, n);
        }
        timeBase[k] = firstTime;
        time[k] = new int[CHUNK];
        type[k] = new byte[CHUNK];
        thread[k] = new short[CHUNK];
        cpuIrql[k] = new short[CHUNK];
        object[k] = new int[CHUNK];
        related[k] = new int[CHUNK];
        arg[k] = new int[CHUNK];
    }

    private void putTime(int k, int o, long t) {
        if (time[k] instanceof int[] offsets) {
            long d = t - timeBase[k];
            if ((int) d == d) {
                offsets[o] = (int) d;
                return;
            }
            long[] wide = new long[CHUNK]; // times in this chunk spread too far for int offsets
            for (int i = 0; i < o; i++) {
                wide[i] = timeBase[k] + offsets[i];
            }
            time[k] = wide;
        }
        ((long[]) time[k])[o] = t;
    }

    public int size() {
        return size;
    }

    public long time(int row) {
        int k = row >>> SHIFT;
        Object t = time[k];
        return t instanceof int[] offsets ? timeBase[k] + offsets[row & MASK] : ((long[]) t)[row & MASK];
    }

    public int typeId(int row) {
        return type[row >>> SHIFT][row & MASK] & 0xff;
    }

    public int thread(int row) {
        return thread[row >>> SHIFT][row & MASK] & 0xffff;
    }

    public int cpu(int row) {
        return ((cpuIrql[row >>> SHIFT][row & MASK] & 0xffff) >>> 3) - 1;
    }

    public int irql(int row) {
        return cpuIrql[row >>> SHIFT][row & MASK] & 7;
    }

    public int object(int row) {
        return object[row >>> SHIFT][row & MASK];
    }

    public int related(int row) {
        return related[row >>> SHIFT][row & MASK];
    }

    public long arg(int row) {
        int a = arg[row >>> SHIFT][row & MASK];
        if (!wideArgs.isEmpty()) {
            Long wide = wideArgs.get(row);
            if (wide != null) {
                return wide;
            }
        }
        return a;
    }

    /** The text of a name event, else null. */
    public String text(int row) {
        return texts.get(row);
    }

    /** Loads the event at {@code row} into a cursor, for the tracer's formatting helpers. */
    public EventCursor fill(int row, EventCursor c) {
        return c.set(row, time(row), typeId(row), thread(row), cpu(row), irql(row), object(row), related(row), arg(row),
                text(row));
    }

    /**
     * The first row whose time is at least {@code t}. Times follow the sequence order (a live
     * trace is a linearization of what happened), so this is a binary search.
     */
    public int rowAtTime(double t) {
        int lo = 0;
        int hi = size();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (time(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Heap bytes the columns take. */
    long allocatedBytes() {
        long perChunk = CHUNK * (1L + 2 + 2 + 4 + 4 + 4);
        long n = 0;
        for (Object t : time) {
            n += t == null ? 0 : perChunk + (t instanceof int[] ? 4L : 8L) * CHUNK;
        }
        return n + 64L * (wideArgs.size() + texts.size());
    }
}
