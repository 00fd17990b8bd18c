package dev.wdfrr.runtime.event;

import dev.wdfrr.runtime.RunInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records events in memory in primitive arrays (no allocation per event once grown). For tests
 * and for comparing runs; {@link #events()} materialises records on demand.
 */
public final class MemorySink implements EventSink {
    /** Small to start with: an explorer makes one sink per schedule, and most schedules are short. */
    private static final int INITIAL = 128;
    private long[] seq = new long[INITIAL];
    private long[] time = new long[INITIAL];
    private long[] arg = new long[INITIAL];
    private int[] packed = new int[INITIAL * 6];
    private String[] text = new String[INITIAL];
    private int size;
    private RunInfo info;

    @Override
    public void begin(RunInfo runInfo) {
        this.info = runInfo;
    }

    @Override
    public void event(long s, long t, int type, int thread, int cpu, int irql, int object, int related, long a) {
        int i = slot();
        seq[i] = s;
        time[i] = t;
        arg[i] = a;
        int p = i * 6;
        packed[p] = type;
        packed[p + 1] = thread;
        packed[p + 2] = cpu;
        packed[p + 3] = irql;
        packed[p + 4] = object;
        packed[p + 5] = related;
    }

    @Override
    public void name(long s, long t, int thread, NameKind kind, int id, String name) {
        event(s, t, EventType.NAME.id(), thread, -1, 0, id, kind.id(), 0);
        text[size - 1] = name;
    }

    private int slot() {
        if (size == seq.length) {
            int n = size * 2;
            seq = Arrays.copyOf(seq, n);
            time = Arrays.copyOf(time, n);
            arg = Arrays.copyOf(arg, n);
            packed = Arrays.copyOf(packed, n * 6);
            text = Arrays.copyOf(text, n);
        }
        return size++;
    }

    /** Hands everything recorded, header first, to another sink, and closes it: to save a run kept in memory. */
    public void copyTo(EventSink target) {
        try {
            if (info != null) {
                target.begin(info);
            }
            for (int i = 0; i < size; i++) {
                int p = i * 6;
                if (packed[p] == EventType.NAME.id()) {
                    target.name(seq[i], time[i], packed[p + 1], NameKind.ofId(packed[p + 5]), packed[p + 4], text[i]);
                } else {
                    target.event(seq[i], time[i], packed[p], packed[p + 1], packed[p + 2], packed[p + 3], packed[p + 4],
                            packed[p + 5], arg[i]);
                }
            }
        } finally {
            target.close();
        }
    }

    /** Thread id of event {@code i}. */
    public int threadOf(int i) {
        return packed[i * 6 + 1];
    }

    /**
     * Forgets everything recorded and keeps the grown arrays: an explorer records schedule after
     * schedule into one sink and keeps a sink only for a run it saves.
     */
    public void clear() {
        Arrays.fill(text, 0, size, null);
        size = 0;
        info = null;
    }

    /** Number of events recorded, names included. */
    public int size() {
        return size;
    }

    /** The header information given to {@link #begin}, or null. */
    public RunInfo info() {
        return info;
    }

    /** Event {@code i} as a record. */
    public Event get(int i) {
        int p = i * 6;
        return new Event(seq[i], time[i], EventType.ofId(packed[p]), packed[p + 1], packed[p + 2],
                packed[p + 3], packed[p + 4], packed[p + 5], arg[i], text[i]);
    }

    /** Type id of event {@code i}, without materialising it. */
    public int typeId(int i) {
        return packed[i * 6];
    }

    /** All events as records. */
    public List<Event> events() {
        List<Event> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Events of one type. */
    public List<Event> events(EventType type) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (packed[i * 6] == type.id()) {
                out.add(get(i));
            }
        }
        return out;
    }

    /** How many events of this type were recorded. */
    public long count(EventType type) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (packed[i * 6] == type.id()) {
                n++;
            }
        }
        return n;
    }

    /** How many events of this type with this argument were recorded. */
    public long count(EventType type, long argument) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (packed[i * 6] == type.id() && arg[i] == argument) {
                n++;
            }
        }
        return n;
    }

    /** The text a name event gave to an id of the given kind, or null. */
    public String nameOf(NameKind kind, int id) {
        for (int i = 0; i < size; i++) {
            int p = i * 6;
            if (packed[p] == EventType.NAME.id() && packed[p + 5] == kind.id() && packed[p + 4] == id) {
                return text[i];
            }
        }
        return null;
    }
}
