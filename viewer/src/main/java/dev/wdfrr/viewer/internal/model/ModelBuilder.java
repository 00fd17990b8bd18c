package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link TraceModel} from events in sequence order, one call per event and no object
 * per event. Besides the columns it pairs spans per thread (one open ISR, DPC and callback per
 * thread), and follows each request the way {@link dev.wdfrr.tracer.SpanBuilder} does, but
 * keeping links instead of times: which interrupt an ISR serviced, which DPC_QUEUE a DPC
 * answered, which ENQUEUE a callback answered, and which span made which one run.
 */
public final class ModelBuilder {
    /** Kinds opened one at a time per thread, each in its slot: ISR, DPC, work-item callback. */
    private static final int KINDS = SpanKind.CALLBACK.ordinal() + 1;

    private final TraceModel model;
    /** Per lane (a thread's dense index) and kind: the open span's id, or -1. */
    private int[] open = new int[64 * KINDS];
    /** Per lane and kind: the open span's index in its lane. */
    private int[] openIndex = new int[64 * KINDS];
    /** Interrupt rows waiting for their ISR, per interrupt and cpu. */
    private final RaisedTable raised = new RaisedTable();
    /** Per interrupt: the DPC_QUEUE that queued its DPC and the ISRs waiting for it. */
    private final PendingTable pendingDpc = new PendingTable();
    /** Per work item: the ENQUEUE that queued it and the spans that enqueued it since. */
    private final PendingTable pendingItem = new PendingTable();
    private final RequestLanes requests;
    private final DriverCallbacks driverCallbacks;

    public ModelBuilder(TraceModel model) {
        this.model = model;
        this.requests = new RequestLanes(model);
        this.driverCallbacks = new DriverCallbacks(model);
        Arrays.fill(open, -1);
    }

    public TraceModel model() {
        return model;
    }

    /** Adds one event; events must come in sequence order. */
    public void accept(EventCursor c) {
        model.events.add(c);
        track(c);
    }

    /**
     * Everything {@link #accept} does but storing the event's columns: spans, marks, links,
     * latency. A loader may store the columns on one thread and track on another; the cursor's
     * text is not used.
     */
    void track(EventCursor c) {
        int row = (int) c.seq();
        model.noteTime(c.time());
        model.latency.accept(c);
        EventType t = c.type();
        // A name defines an id and a call site annotates the event after it: neither is a step of its own.
        boolean annotation = t == EventType.NAME || t == EventType.CALL_SITE;
        model.steps.add(row, annotation);
        if (t == null || annotation) {
            return;
        }
        model.causes.track(row, c.typeId(), c.thread(), c.object(), c.related());
        model.noteOutcome(t, row, c.arg());
        Lane lane = model.lanes.forThread(c.thread());
        MarkKind mark = MarkKind.of(t, c.arg());
        if (mark != null) {
            lane.addMark(mark, row);
        }
        switch (t) {
            case INTERRUPT -> raised.queue(c.object(), c.arg()).add(row);
            case ISR_START -> openSpan(SpanKind.ISR, lane, c, row, takeInterrupt(c));
            case DPC_QUEUE -> pending(pendingDpc, c.object(), row, c.arg() == 1, innermost(lane.id()));
            case DPC_START -> openLinked(SpanKind.DPC, lane, c, row, pendingDpc.remove(c.object()));
            case ENQUEUE -> pending(pendingItem, c.object(), row, c.arg() == 1, innermost(lane.id()));
            case CALLBACK_START -> openLinked(SpanKind.CALLBACK, lane, c, row, pendingItem.remove(c.object()));
            case ISR_END -> closeSpan(SpanKind.ISR, lane, c, row);
            case DPC_END -> closeSpan(SpanKind.DPC, lane, c, row);
            case CALLBACK_END -> closeSpan(SpanKind.CALLBACK, lane, c, row);
            case REQUEST_CREATE -> requests.created(c.object(), c.related(), row, c.time());
            case REQUEST_COMPLETE -> requests.completed(c.object(), row, c.time());
            case EVT_CALLBACK_END -> driverCallbacks.close(lane, row, c.object(), c.related(), c.time());
            default -> { }
        }
        dev.wdfrr.runtime.event.CallbackKind driver = DriverCallbacks.opened(t, c.related(), c.arg());
        if (driver != null) {
            driverCallbacks.open(driver, lane, row, c.object(), c.time(), innermost(lane.id()));
        }
    }

    /** Call when the reader has no more events for now: updates what depends on the whole trace so far. */
    public void caughtUp(boolean complete, String truncationNote) {
        model.latency.updateUnmatched();
        model.finish(complete, truncationNote);
    }

    private int takeInterrupt(EventCursor c) {
        return raised.queue(c.object(), c.cpu()).poll();
    }

    private void openLinked(SpanKind kind, Lane lane, EventCursor c, int row, Pending p) {
        int id = openSpan(kind, lane, c, row, p == null ? -1 : p.causeRow);
        if (p != null) {
            for (int i = 0; i < p.n; i++) {
                model.spans.linkNext(p.from[i], id);
            }
        }
    }

    private int openSpan(SpanKind kind, Lane lane, EventCursor c, int row, int cause) {
        int slot = slot(lane.id(), kind);
        if (open[slot] >= 0) {
            // its end is missing: end it where the next one starts, in the step before it
            closeAt(slot, lane, row, c.time(), model.steps.step(row) - 1);
        }
        int id = model.spans.add(kind, lane.id(), row, c.object(), cause);
        open[slot] = id;
        openIndex[slot] = lane.addSpan(c.time(), model.steps.step(row), id);
        return id;
    }

    private void closeSpan(SpanKind kind, Lane lane, EventCursor c, int row) {
        int slot = slot(lane.id(), kind);
        if (open[slot] >= 0 && model.spans.object(open[slot]) == c.object()) {
            closeAt(slot, lane, row, c.time(), model.steps.step(row));
        }
    }

    private void closeAt(int slot, Lane lane, int row, long time, long lastStep) {
        model.spans.close(open[slot], row);
        lane.closeSpan(openIndex[slot], time, lastStep);
        open[slot] = -1;
    }

    /** The span running on a lane's thread: of its open ISR, DPC, callback and driver callbacks the last started; -1 when none. */
    private int innermost(int lane) {
        int in = driverCallbacks.innermost(lane);
        for (int k = KINDS - 1; k >= 0; k--) {
            int s = slot(lane, SpanKind.ofOrdinal(k));
            if (s < open.length && open[s] > in) {
                in = open[s];
            }
        }
        return in;
    }

    private int slot(int lane, SpanKind kind) {
        int s = lane * KINDS + kind.ordinal();
        if (s >= open.length) {
            int old = open.length;
            open = Arrays.copyOf(open, Math.max(s + 1, old * 2));
            openIndex = Arrays.copyOf(openIndex, open.length);
            Arrays.fill(open, old, open.length, -1);
        }
        return s;
    }

    private static void pending(PendingTable table, int key, int row, boolean queued, int fromSpan) {
        Pending p = queued ? table.start(key, row) : table.get(key);
        if (p != null && fromSpan >= 0) {
            p.addFrom(fromSpan);
        }
    }

    /**
     * Pending requests by object id: ids are small and dense (creation order), so an array,
     * with a map for any id beyond it; each slot's object is reused, no allocation per request.
     */
    private static final class PendingTable {
        private static final int DENSE = 1 << 20;
        private Pending[] byId = new Pending[64];
        private final Map<Integer, Pending> sparse = new HashMap<>();

        private Pending slot(int id) {
            if (id < 0 || id >= DENSE) {
                return sparse.computeIfAbsent(id, k -> new Pending());
            }
            if (id >= byId.length) {
                byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
            }
            Pending p = byId[id];
            if (p == null) {
                p = new Pending();
                byId[id] = p;
            }
            return p;
        }

        /** A new pending request for {@code id}, replacing one that never started. */
        Pending start(int id, int causeRow) {
            Pending p = slot(id);
            p.active = true;
            p.causeRow = causeRow;
            p.n = 0;
            return p;
        }

        Pending get(int id) {
            Pending p = id >= 0 && id < byId.length ? byId[id] : id >= DENSE || id < 0 ? sparse.get(id) : null;
            return p != null && p.active ? p : null;
        }

        /** The pending request for {@code id}, no longer pending; valid until the next {@link #start} of that id. */
        Pending remove(int id) {
            Pending p = get(id);
            if (p != null) {
                p.active = false;
            }
            return p;
        }
    }

    /** What a queued DPC or work item waits with: the row that queued it and the spans that asked for it. */
    private static final class Pending {
        boolean active;
        int causeRow;
        int[] from = new int[2];
        int n;

        void addFrom(int span) {
            if (n > 0 && from[n - 1] == span) {
                return;
            }
            if (n == from.length) {
                from = Arrays.copyOf(from, n * 2);
            }
            from[n++] = span;
        }
    }

    /** Interrupt rows waiting for their ISR by interrupt id (small and dense) and target cpu. */
    private static final class RaisedTable {
        private static final int DENSE = 1 << 12;
        private static final int CPUS = 64;
        private IntQueue[] dense = new IntQueue[16 * CPUS];
        private final Map<Long, IntQueue> sparse = new HashMap<>();

        IntQueue queue(int interrupt, long cpu) {
            if (interrupt < 0 || interrupt >= DENSE || cpu < 0 || cpu >= CPUS) {
                return sparse.computeIfAbsent((long) interrupt << 32 | cpu & 0xffffffffL, k -> new IntQueue());
            }
            int slot = interrupt * CPUS + (int) cpu;
            if (slot >= dense.length) {
                dense = Arrays.copyOf(dense, Math.max(slot + 1, dense.length * 2));
            }
            IntQueue q = dense[slot];
            if (q == null) {
                q = new IntQueue();
                dense[slot] = q;
            }
            return q;
        }
    }

    /** A FIFO of ints. */
    private static final class IntQueue {
        private int[] v = new int[4];
        private int head;
        private int tail;

        void add(int x) {
            if (tail == v.length) {
                if (head > 0) {
                    System.arraycopy(v, head, v, 0, tail - head);
                    tail -= head;
                    head = 0;
                } else {
                    v = Arrays.copyOf(v, v.length * 2);
                }
            }
            v[tail++] = x;
        }

        int poll() {
            return head < tail ? v[head++] : -1;
        }
    }
}
