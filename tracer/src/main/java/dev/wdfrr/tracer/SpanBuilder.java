package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs events into spans as they stream by, allocation-light: ISR and DPC durations per
 * thread, callback durations per (item, instance), enqueue to callback start per item, and the
 * request chain interrupt → ISR → DPC (or interrupt work item) → enqueue → callback end, which
 * follows each interrupt's arrival time along the path. A start whose end never comes (a
 * truncated trace) is counted by {@link #unmatched()}, never an error.
 *
 * <p>Work and memory are linear in the trace, whatever it holds. The interrupts a DPC run
 * services travel as one shared {@link Origins} object, never copied per enqueue; each yields
 * one interrupt → callback end sample, at the end of the first callback that carries it. What
 * waits (raised interrupts, queued DPCs, origins behind an item) is kept up to
 * {@link #MAX_WAITING} per interrupt or item; beyond that the oldest is counted unmatched.
 */
public final class SpanBuilder {
    /**
     * Most waiting entries kept per interrupt line, queued DPC or work item. Real runs have a
     * handful; a crafted trace could otherwise make every analysis hold its whole length.
     */
    public static final int MAX_WAITING = 1 << 16;

    private final SpanListener listener;
    /** Per thread: what it runs. Ids are small and dense, so an array; a map for any beyond it. */
    private ThreadState[] dense = new ThreadState[64];
    /** Threads with ids beyond the dense range, kept only while they run an ISR or DPC. */
    private final Map<Integer, ThreadState> sparse = new HashMap<>();
    private static final int DENSE = 1 << 12;
    /** Raised interrupts waiting for their ISR, per (interrupt, cpu). */
    private final Map<Long, LongRing> raised = new HashMap<>();
    /** Interrupt arrival times waiting for their DPC to start, per interrupt. */
    private final Map<Integer, LongRing> dpcPending = new HashMap<>();
    /** Per work item: time of the queued enqueue waiting for its callback. */
    private final Map<Integer, Long> enqueued = new HashMap<>();
    /** Per work item: the interrupts behind its pending callback. */
    private final Map<Integer, OriginList> itemOrigins = new HashMap<>();
    /** Per (item, instance): callback start time and the interrupts it serves. */
    private final Map<Long, Long> running = new HashMap<>();
    private final Map<Long, OriginList> runningOrigins = new HashMap<>();
    /** Entries dropped over {@link #MAX_WAITING}, per stage they would have fed. */
    private long droppedToDpc;
    private long droppedChains;
    private final EnumMap<LatencyStage, Long> unmatched = new EnumMap<>(LatencyStage.class);
    /** Per request not completed yet: its arrival time and its first delivery time (-1 until then). */
    private final Map<Integer, long[]> requests = new HashMap<>();

    public SpanBuilder(SpanListener listener) {
        this.listener = listener;
    }

    /** What one thread runs: its ISR and DPC, with the interrupts they service. */
    private static final class ThreadState {
        long isrStart = -1;
        long dpcStart = -1;
        /** Arrival time of the interrupt the running ISR services, or -1. */
        long isrOrigin = -1;
        /** The interrupts the running DPC services, or null. */
        Origins dpcOrigins;
        /** The ISR's interrupt, made into {@link Origins} once something needs it as such. */
        Origins isrOrigins;

        boolean idle() {
            return isrStart < 0 && dpcStart < 0;
        }
    }

    /**
     * The arrival times of the interrupts one ISR or DPC run services, shared by every item it
     * enqueues. {@code ended} is set when the first callback carrying them ends: each interrupt
     * yields one sample.
     */
    private static final class Origins {
        final long[] times;
        boolean ended;
        Origins(long[] times) {
            this.times = times;
        }
    }

    /** The origin sets behind a pending or running callback, at most {@link #MAX_WAITING}. */
    private final class OriginList {
        final List<Origins> sets = new ArrayList<>(2);

        void add(Origins o) {
            if (!sets.isEmpty() && sets.get(sets.size() - 1) == o) {
                return;
            }
            if (sets.size() >= MAX_WAITING) {
                droppedChains += sets.remove(0).times.length;
            }
            sets.add(o);
        }

        void addAll(OriginList other) {
            for (Origins o : other.sets) {
                add(o);
            }
        }
    }

    /** A FIFO of longs that keeps the newest {@link #MAX_WAITING}. */
    private static final class LongRing {
        long[] v = new long[4];
        int head;
        int size;

        /** Adds, returning 1 when the oldest had to make room. */
        int add(long x) {
            int dropped = 0;
            if (size == MAX_WAITING) {
                head = (head + 1) % v.length;
                size--;
                dropped = 1;
            } else if (size == v.length) {
                long[] n = new long[v.length * 2];
                for (int i = 0; i < size; i++) {
                    n[i] = v[(head + i) % v.length];
                }
                v = n;
                head = 0;
            }
            v[(head + size++) % v.length] = x;
            return dropped;
        }

        long poll() {
            if (size == 0) {
                return -1;
            }
            long x = v[head];
            head = (head + 1) % v.length;
            size--;
            return x;
        }

        long[] drain() {
            long[] out = new long[size];
            for (int i = 0; i < size; i++) {
                out[i] = v[(head + i) % v.length];
            }
            size = 0;
            head = 0;
            return out;
        }
    }

    /** Feeds one event. */
    public void accept(EventCursor c) {
        EventType et = EventType.ofId(c.typeId);
        if (et == null || et == EventType.NAME) {
            return;
        }
        int t = c.thread;
        switch (et) {
            case INTERRUPT -> droppedToDpc += raised.computeIfAbsent((long) c.object << 16 | c.arg & 0xffff, k -> new LongRing()).add(c.time);
            case ISR_START -> {
                ThreadState s = state(t, true);
                s.isrStart = c.time;
                LongRing q = raised.get((long) c.object << 16 | c.cpu & 0xffff);
                s.isrOrigin = q == null ? -1 : q.poll();
                s.isrOrigins = null;
            }
            case ISR_END -> {
                ThreadState s = state(t, false);
                if (s != null && s.isrStart >= 0) {
                    listener.span(LatencyStage.ISR_DURATION, s.isrStart, c.time, c.object, c.seq);
                }
                if (s != null) {
                    s.isrStart = -1;
                    s.isrOrigin = -1;
                    s.isrOrigins = null;
                    forgetIfIdle(t, s);
                }
            }
            case DPC_QUEUE -> {
                ThreadState s = state(t, false);
                if (s != null && s.isrStart >= 0 && s.isrOrigin >= 0) {
                    droppedToDpc += dpcPending.computeIfAbsent(c.object, k -> new LongRing()).add(s.isrOrigin);
                }
            }
            case DPC_START -> {
                ThreadState s = state(t, true);
                s.dpcStart = c.time;
                LongRing pending = dpcPending.remove(c.object);
                long[] origins = pending == null ? new long[0] : pending.drain();
                for (long o : origins) {
                    listener.span(LatencyStage.INTERRUPT_TO_DPC, o, c.time, c.object, c.seq);
                }
                s.dpcOrigins = origins.length == 0 ? null : new Origins(origins);
            }
            case DPC_END -> {
                ThreadState s = state(t, false);
                if (s != null && s.dpcStart >= 0) {
                    listener.span(LatencyStage.DPC_DURATION, s.dpcStart, c.time, c.object, c.seq);
                }
                if (s != null) {
                    s.dpcStart = -1;
                    s.dpcOrigins = null;
                    forgetIfIdle(t, s);
                }
            }
            case ENQUEUE -> enqueue(c, state(t, false));
            case CALLBACK_START -> {
                Long q = enqueued.remove(c.object);
                if (q != null) {
                    listener.span(LatencyStage.ENQUEUE_TO_START, q, c.time, c.object, c.seq);
                }
                long key = (long) c.object << 32 | c.arg & 0xffffffffL;
                running.put(key, c.time);
                OriginList origins = itemOrigins.remove(c.object);
                if (origins != null) {
                    OriginList already = runningOrigins.put(key, origins);
                    if (already != null) { // the same instance started twice: keep both
                        origins.addAll(already);
                    }
                }
            }
            case REQUEST_CREATE -> requests.put(c.object, new long[]{c.time, -1});
            case REQUEST_DISPATCH -> {
                long[] r = requests.get(c.object);
                if (r != null && r[1] < 0) {
                    r[1] = c.time;
                }
            }
            case REQUEST_COMPLETE -> requestCompleted(c);
            case CALLBACK_END -> {
                long key = (long) c.object << 32 | c.arg & 0xffffffffL;
                Long start = running.remove(key);
                if (start != null) {
                    listener.span(LatencyStage.CALLBACK_DURATION, start, c.time, c.object, c.seq);
                }
                OriginList origins = runningOrigins.remove(key);
                if (origins != null) {
                    for (Origins o : origins.sets) {
                        if (!o.ended) {
                            o.ended = true;
                            for (long time : o.times) {
                                listener.span(LatencyStage.INTERRUPT_TO_CALLBACK_END, time, c.time, c.object, c.seq);
                            }
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private ThreadState state(int thread, boolean create) {
        if (thread >= 0 && thread < DENSE) {
            if (thread >= dense.length) {
                if (!create) {
                    return null;
                }
                dense = java.util.Arrays.copyOf(dense, Math.min(DENSE, Math.max(thread + 1, dense.length * 2)));
            }
            ThreadState s = dense[thread];
            if (s == null && create) {
                s = new ThreadState();
                dense[thread] = s;
            }
            return s;
        }
        return create ? sparse.computeIfAbsent(thread, k -> new ThreadState()) : sparse.get(thread);
    }

    private void forgetIfIdle(int thread, ThreadState s) {
        if (s.idle() && (thread < 0 || thread >= DENSE)) {
            sparse.remove(thread);
        }
    }

    /** The request stages, known only at the completion: a cancelled request counts apart. */
    private void requestCompleted(EventCursor c) {
        long[] r = requests.remove(c.object);
        if (r == null) {
            return;
        }
        if ((c.arg & 0xFFFFFFFFL) == dev.wdfrr.runtime.NtStatus.CANCELLED.code()) {
            listener.span(LatencyStage.REQUEST_CANCELLED, r[0], c.time, c.object, c.seq);
            return;
        }
        if (r[1] >= 0) {
            listener.span(LatencyStage.REQUEST_ARRIVAL_TO_DISPATCH, r[0], r[1], c.object, c.seq);
            listener.span(LatencyStage.REQUEST_DISPATCH_TO_COMPLETE, r[1], c.time, c.object, c.seq);
        }
        listener.span(LatencyStage.REQUEST_ARRIVAL_TO_COMPLETE, r[0], c.time, c.object, c.seq);
    }

    private void enqueue(EventCursor c, ThreadState s) {
        boolean queued = c.arg == 1;
        if (queued) {
            enqueued.put(c.object, c.time);
        }
        if (s == null || !queued && !enqueued.containsKey(c.object)) {
            return;
        }
        Origins from = null;
        if (s.dpcStart >= 0) {
            from = s.dpcOrigins;
        } else if (s.isrStart >= 0 && s.isrOrigin >= 0) {
            if (s.isrOrigins == null) {
                s.isrOrigins = new Origins(new long[]{s.isrOrigin});
            }
            from = s.isrOrigins;
        }
        if (from != null && !from.ended) {
            itemOrigins.computeIfAbsent(c.object, k -> new OriginList()).add(from);
        }
    }

    /** Starts still waiting for their ends, per stage (call after the last event). */
    public EnumMap<LatencyStage, Long> unmatched() {
        unmatched.clear();
        long isr = 0;
        long dpc = 0;
        List<ThreadState> all = new ArrayList<>(sparse.values());
        for (ThreadState s : dense) {
            if (s != null) {
                all.add(s);
            }
        }
        for (ThreadState s : all) {
            isr += s.isrStart >= 0 ? 1 : 0;
            dpc += s.dpcStart >= 0 ? 1 : 0;
        }
        unmatched.put(LatencyStage.ISR_DURATION, isr);
        unmatched.put(LatencyStage.DPC_DURATION, dpc);
        long waitingDpc = droppedToDpc;
        for (LongRing l : dpcPending.values()) {
            waitingDpc += l.size;
        }
        unmatched.put(LatencyStage.INTERRUPT_TO_DPC, waitingDpc);
        unmatched.put(LatencyStage.ENQUEUE_TO_START, (long) enqueued.size());
        unmatched.put(LatencyStage.CALLBACK_DURATION, (long) running.size());
        // An origin set may wait behind several items: count each once.
        Map<Origins, Boolean> seen = new IdentityHashMap<>();
        long chains = droppedChains;
        for (Map<?, OriginList> m : List.of(itemOrigins, runningOrigins)) {
            for (OriginList l : m.values()) {
                for (Origins o : l.sets) {
                    if (!o.ended && seen.put(o, Boolean.TRUE) == null) {
                        chains += o.times.length;
                    }
                }
            }
        }
        unmatched.put(LatencyStage.INTERRUPT_TO_CALLBACK_END, chains);
        long dispatched = 0;
        for (long[] r : requests.values()) {
            dispatched += r[1] >= 0 ? 1 : 0;
        }
        unmatched.put(LatencyStage.REQUEST_ARRIVAL_TO_DISPATCH, (long) requests.size() - dispatched);
        unmatched.put(LatencyStage.REQUEST_DISPATCH_TO_COMPLETE, dispatched);
        unmatched.put(LatencyStage.REQUEST_ARRIVAL_TO_COMPLETE, (long) requests.size());
        unmatched.put(LatencyStage.REQUEST_CANCELLED, 0L);
        return unmatched;
    }
}
