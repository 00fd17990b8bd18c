package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventType;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Pairs events into spans as they stream by, allocation-light: ISR and DPC durations per
 * thread, callback durations per (item, instance), enqueue to callback start per item, and the
 * request chain interrupt → ISR → DPC (or interrupt work item) → enqueue → callback end, which
 * follows each interrupt's arrival time along the path. A start whose end never comes (a
 * truncated trace) is counted by {@link #unmatched()}, never an error.
 */
public final class SpanBuilder {
    private final SpanListener listener;
    /** Per thread: start of its running ISR / DPC, or -1. */
    private long[] isrStart = new long[64];
    private long[] dpcStart = new long[64];
    /** Per thread: interrupt objects of the running ISR / DPC. */
    private int[] isrObject = new int[64];
    private int[] dpcObject = new int[64];
    /** Per ISR thread: arrival time of the interrupt it is servicing, or -1. */
    private long[] isrOrigin = new long[64];
    /** Per CPU thread: arrival times of the interrupts its running DPC services. */
    private final Map<Integer, LongList> dpcOrigins = new HashMap<>();
    /** Raised interrupts waiting for their ISR, per (interrupt, cpu). */
    private final Map<Long, ArrayDeque<Long>> raised = new HashMap<>();
    /** Interrupt arrival times waiting for their DPC to start, per interrupt. */
    private final Map<Integer, LongList> dpcPending = new HashMap<>();
    /** Per work item: time of the queued enqueue waiting for its callback, and the interrupts behind it. */
    private final Map<Integer, long[]> enqueued = new HashMap<>();
    private final Map<Integer, LongList> itemOrigins = new HashMap<>();
    /** Per work item: the (thread, start time) of the DPC or ISR whose interrupts it carries last. */
    private final Map<Integer, long[]> lastContributor = new HashMap<>();
    /** Per (item, instance): callback start time and the interrupts it serves. */
    private final Map<Long, long[]> running = new HashMap<>();
    private final Map<Long, LongList> runningOrigins = new HashMap<>();
    private final EnumMap<LatencyStage, Long> unmatched = new EnumMap<>(LatencyStage.class);

    public SpanBuilder(SpanListener listener) {
        this.listener = listener;
        java.util.Arrays.fill(isrStart, -1);
        java.util.Arrays.fill(dpcStart, -1);
        java.util.Arrays.fill(isrOrigin, -1);
    }

    /** A growable list of longs. */
    static final class LongList {
        long[] v = new long[4];
        int n;

        void add(long x) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, n * 2);
            }
            v[n++] = x;
        }

        void addAll(LongList o) {
            for (int i = 0; i < o.n; i++) {
                add(o.v[i]);
            }
        }
    }

    private void grow(int thread) {
        if (thread >= isrStart.length) {
            int n = Math.max(thread + 1, isrStart.length * 2);
            int old = isrStart.length;
            isrStart = java.util.Arrays.copyOf(isrStart, n);
            dpcStart = java.util.Arrays.copyOf(dpcStart, n);
            isrOrigin = java.util.Arrays.copyOf(isrOrigin, n);
            isrObject = java.util.Arrays.copyOf(isrObject, n);
            dpcObject = java.util.Arrays.copyOf(dpcObject, n);
            java.util.Arrays.fill(isrStart, old, n, -1);
            java.util.Arrays.fill(dpcStart, old, n, -1);
            java.util.Arrays.fill(isrOrigin, old, n, -1);
        }
    }

    /** Feeds one event. */
    public void accept(EventCursor c) {
        int type = c.typeId;
        if (type == EventType.NAME.id()) {
            return;
        }
        int t = c.thread;
        if (t < 0 || t > 1_000_000) {
            return;
        }
        grow(t);
        EventType et = EventType.ofId(type);
        if (et == null) {
            return;
        }
        switch (et) {
            case INTERRUPT -> raised.computeIfAbsent((long) c.object << 16 | c.arg & 0xffff, k -> new ArrayDeque<>()).add(c.time);
            case ISR_START -> {
                isrStart[t] = c.time;
                isrObject[t] = c.object;
                ArrayDeque<Long> q = raised.get((long) c.object << 16 | c.cpu & 0xffff);
                Long origin = q == null ? null : q.poll();
                isrOrigin[t] = origin == null ? -1 : origin;
            }
            case ISR_END -> {
                if (isrStart[t] >= 0) {
                    listener.span(LatencyStage.ISR_DURATION, isrStart[t], c.time, c.object, c.seq);
                }
                isrStart[t] = -1;
                isrOrigin[t] = -1;
            }
            case DPC_QUEUE -> {
                if (isrOrigin[t] >= 0) {
                    dpcPending.computeIfAbsent(c.object, k -> new LongList()).add(isrOrigin[t]);
                }
            }
            case DPC_START -> {
                dpcStart[t] = c.time;
                dpcObject[t] = c.object;
                LongList pending = dpcPending.remove(c.object);
                LongList origins = dpcOrigins.computeIfAbsent(t, k -> new LongList());
                origins.n = 0;
                if (pending != null) {
                    for (int i = 0; i < pending.n; i++) {
                        listener.span(LatencyStage.INTERRUPT_TO_DPC, pending.v[i], c.time, c.object, c.seq);
                        origins.add(pending.v[i]);
                    }
                }
            }
            case DPC_END -> {
                if (dpcStart[t] >= 0) {
                    listener.span(LatencyStage.DPC_DURATION, dpcStart[t], c.time, c.object, c.seq);
                }
                dpcStart[t] = -1;
                LongList origins = dpcOrigins.get(t);
                if (origins != null) {
                    origins.n = 0;
                }
            }
            case ENQUEUE -> enqueue(c, t);
            case CALLBACK_START -> {
                long[] q = enqueued.remove(c.object);
                if (q != null) {
                    listener.span(LatencyStage.ENQUEUE_TO_START, q[0], c.time, c.object, c.seq);
                }
                long key = (long) c.object << 32 | c.arg & 0xffffffffL;
                running.put(key, new long[]{c.time});
                LongList origins = itemOrigins.remove(c.object);
                if (origins != null) {
                    runningOrigins.put(key, origins);
                }
            }
            case CALLBACK_END -> {
                long key = (long) c.object << 32 | c.arg & 0xffffffffL;
                long[] s = running.remove(key);
                if (s != null) {
                    listener.span(LatencyStage.CALLBACK_DURATION, s[0], c.time, c.object, c.seq);
                }
                LongList origins = runningOrigins.remove(key);
                if (origins != null) {
                    for (int i = 0; i < origins.n; i++) {
                        listener.span(LatencyStage.INTERRUPT_TO_CALLBACK_END, origins.v[i], c.time, c.object, c.seq);
                    }
                }
            }
            default -> { }
        }
    }

    private void enqueue(EventCursor c, int t) {
        boolean queued = c.arg == 1;
        if (queued) {
            enqueued.put(c.object, new long[]{c.time});
        }
        LongList from = null;
        LongList single = null;
        if (dpcStart[t] >= 0) {
            from = dpcOrigins.get(t);
        } else if (isrStart[t] >= 0 && isrOrigin[t] >= 0) {
            single = new LongList();
            single.add(isrOrigin[t]);
            from = single;
        }
        if (from != null && from.n > 0 && (queued || enqueued.containsKey(c.object))) {
            // One DPC may enqueue the same item twice (queued, then coalesced): its interrupts count once.
            long[] contributor = {t, dpcStart[t] >= 0 ? dpcStart[t] : isrStart[t]};
            long[] last = lastContributor.put(c.object, contributor);
            if (queued || last == null || last[0] != contributor[0] || last[1] != contributor[1]) {
                itemOrigins.computeIfAbsent(c.object, k -> new LongList()).addAll(from);
            }
        }
    }

    /** Starts still waiting for their ends, per stage (call after the last event). */
    public EnumMap<LatencyStage, Long> unmatched() {
        unmatched.clear();
        long isr = 0;
        long dpc = 0;
        for (int i = 0; i < isrStart.length; i++) {
            isr += isrStart[i] >= 0 ? 1 : 0;
            dpc += dpcStart[i] >= 0 ? 1 : 0;
        }
        unmatched.put(LatencyStage.ISR_DURATION, isr);
        unmatched.put(LatencyStage.DPC_DURATION, dpc);
        long waitingDpc = 0;
        for (LongList l : dpcPending.values()) {
            waitingDpc += l.n;
        }
        unmatched.put(LatencyStage.INTERRUPT_TO_DPC, waitingDpc);
        unmatched.put(LatencyStage.ENQUEUE_TO_START, (long) enqueued.size());
        unmatched.put(LatencyStage.CALLBACK_DURATION, (long) running.size());
        long chains = 0;
        for (LongList l : itemOrigins.values()) {
            chains += l.n;
        }
        for (LongList l : runningOrigins.values()) {
            chains += l.n;
        }
        unmatched.put(LatencyStage.INTERRUPT_TO_CALLBACK_END, chains);
        return unmatched;
    }
}
