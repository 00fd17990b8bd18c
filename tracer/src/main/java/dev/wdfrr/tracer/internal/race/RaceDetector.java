package dev.wdfrr.tracer.internal.race;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.KernelEventKind;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds data races in one pass over a trace: accesses to the same traced cell or device register
 * from two threads, at least one a write (and not both interlocked), that no chain of the
 * runtime's synchronization orders. Happens-before is computed with vector clocks in the style of
 * FastTrack (Flanagan and Freund, PLDI 2009): a clock per thread, per lock and per hand-off, and
 * per location the last write as an epoch, so that most accesses cost O(1) and the whole pass is
 * linear in the trace.
 *
 * <p>Synchronization edges, each from the runtime's own events: lock release → next acquire of
 * the same lock (spin, wait, interrupt and callback locks; an ISR holds its interrupt's lock);
 * interrupt raised → its ISR; queue DPC → the DPC's start; enqueue → the next callback start of
 * the item; callback, DPC and ISR ends → a flush, cleanup, destroy or deferred disposal of their
 * object; delete → its deferred disposal; FIFO push → pop; thread start → the thread; a thread's
 * end → a join of it; everything → {@code quiescent}; kernel-event set → the wait it satisfied;
 * a request's arrival → its dispatch and EvtIo callback, timer start → expiry → callback, WDFDPC
 * enqueue → callback, a callback's end → a timer stop or DPC cancel that waited for it.
 * Accesses by a virtual device's own thread (the hardware) are not checked: hardware and driver
 * touch registers concurrently by design.
 */
public final class RaceDetector {
    /** Threads the analysis tracks; more is a crafted trace, and the analysis stops. */
    public static final int MAX_THREADS = 1024;
    /** Vector-clock entries held at once, across all clocks. */
    public static final long MAX_CLOCK_ENTRIES = 16L << 20;

    /** A race found: the earlier and the later access, on a location. */
    public record Found(long locationKey, int object, int register, Access earlier, Access later) {
    }

    private final Names names;
    private final int maxFound;
    private final List<Found> found = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final Clocks clocks = new Clocks(MAX_CLOCK_ENTRIES);
    private final Map<Integer, ThreadState> threads = new HashMap<>();
    private final Map<Integer, int[]> locks = new HashMap<>();
    /** Per object: what its releasers handed on (enqueues of an item, DPC queues, raised interrupts…), by kind. */
    private final Map<Long, int[]> handoffs = new HashMap<>();
    private final Map<Integer, KernelEventClocks> kernelEvents = new HashMap<>();
    private final Map<Long, Location> locations = new HashMap<>();
    private long duplicates;
    private long omitted;
    private String stopped;

    private static final int ENQUEUED = 1;
    private static final int ENDED = 2;
    private static final int DPC_QUEUED = 3;
    private static final int RAISED = 4;
    private static final int DELETED = 5;
    private static final int PUSHED = 6;
    private static final int ARMED = 7;

    private static final class ThreadState {
        final int slot;
        int[] clock;
        boolean hardware;
        /** The call site of the event numbered {@link #siteFor}: the one right after its call_site event. */
        String pendingSite;
        long siteFor = -1;

        ThreadState(int slot, int[] clock) {
            this.slot = slot;
            this.clock = clock;
        }
    }

    /**
     * @param names    the names of the trace being read (threads, objects, strings)
     * @param maxFound races kept in full; more are only counted ({@link #omitted()})
     */
    public RaceDetector(Names names, int maxFound) {
        this.names = names;
        this.maxFound = maxFound;
    }

    /** Races found so far, each location and pair of call sites (or threads, without sites) once, in the order found. */
    public List<Found> found() {
        return found;
    }

    /** Races found again at a location and pair of call sites already reported. */
    public long duplicates() {
        return duplicates;
    }

    /** Distinct races found beyond the {@code maxFound} kept. */
    public long omitted() {
        return omitted;
    }

    /** Why the analysis stopped before the end of the trace, or null. */
    public String stopped() {
        return stopped;
    }

    /** Takes the next event of the trace. */
    public void accept(EventCursor c) {
        if (stopped != null) {
            return;
        }
        try {
            step(c);
        } catch (Clocks.BudgetExceeded e) {
            stop(c, e.getMessage());
        }
    }

    private void stop(EventCursor c, String why) {
        stopped = "race analysis stopped at event " + c.seq() + ": " + why;
    }

    private void step(EventCursor c) {
        EventType type = c.type();
        if (type == null || type == EventType.NAME) {
            return;
        }
        ThreadState t = thread(c.thread());
        if (t == null) {
            stop(c, "more than " + MAX_THREADS + " threads");
            return;
        }
        String site = t.siteFor == c.seq() ? t.pendingSite : null; // a call site describes the very next event
        t.pendingSite = null;
        t.siteFor = -1;
        int o = c.object();
        switch (type) {
            case CALL_SITE -> {
                t.pendingSite = names.site(c.related());
                t.siteFor = c.seq() + 1;
            }
            case MEM_READ, MEM_WRITE -> {
                boolean atomic = (c.related() & EventType.ATOMIC) != 0;
                access(c, t, o, o & 0xffffffffL, -1, type == EventType.MEM_WRITE, atomic, site);
                if (atomic && type == EventType.MEM_READ) {
                    t.pendingSite = site; // the interlocked write that may follow in the same step
                    t.siteFor = c.seq() + 1;
                }
            }
            case REG_READ, REG_WRITE -> {
                if (!t.hardware) {
                    access(c, t, o, (long) o << 32 | (c.related() & 0xffffffffL) | 1L << 63, c.related(),
                            type == EventType.REG_WRITE, false, site);
                }
            }
            case LOCK_ACQUIRE -> acquire(t, locks.get(o));
            case LOCK_RELEASE -> releaseLock(t, o);
            case INTERRUPT -> release(t, RAISED, o);
            case ISR_START -> {
                acquire(t, handoffs.get(key(RAISED, o)));
                acquire(t, locks.get(o)); // the ISR holds its interrupt's lock
            }
            case ISR_END -> {
                locks.put(o, clocks.copy(t.clock));
                release(t, ENDED, o);
            }
            case DPC_QUEUE -> release(t, DPC_QUEUED, o);
            case DPC_START -> acquire(t, handoffs.get(key(DPC_QUEUED, o)));
            case DPC_END, CALLBACK_END, DISPOSE_END -> release(t, ENDED, o);
            case ENQUEUE -> release(t, ENQUEUED, o);
            case CALLBACK_START -> acquire(t, handoffs.get(key(ENQUEUED, o)));
            case FLUSH_END, CLEANUP, DESTROY -> acquire(t, handoffs.get(key(ENDED, o)));
            case DELETE -> release(t, DELETED, o);
            case DISPOSE_START -> acquire(t, handoffs.get(key(DELETED, o)));
            // I/O requests, timers and WDFDPCs: what queued the callback happens before it runs.
            case REQUEST_CREATE, WDFDPC_ENQUEUE -> release(t, ENQUEUED, o);
            case TIMER_START -> release(t, ARMED, o);
            case TIMER_FIRE -> {
                acquire(t, handoffs.get(key(ARMED, o)));
                release(t, ENQUEUED, o);
            }
            case REQUEST_DISPATCH, EVT_CALLBACK_START -> acquire(t, handoffs.get(key(ENQUEUED, o)));
            case EVT_CALLBACK_END -> release(t, ENDED, o);
            case TIMER_STOP, WDFDPC_CANCEL -> acquire(t, handoffs.get(key(ENDED, o)));
            case FIFO_PUSH -> release(t, PUSHED, o);
            case FIFO_POP -> {
                if (c.arg() >= 0) {
                    acquire(t, handoffs.get(key(PUSHED, o)));
                }
            }
            case THREAD_START -> {
                ThreadState started = thread(o);
                if (started == null) {
                    stop(c, "more than " + MAX_THREADS + " threads");
                    return;
                }
                started.clock = clocks.join(started.clock, t.clock);
                started.hardware |= c.related() != 0; // a virtual device's thread
                tick(t);
            }
            case THREAD_JOIN -> {
                ThreadState joined = threads.get(o);
                if (joined != null) {
                    acquire(t, joined.clock);
                }
            }
            case QUIESCENT -> {
                for (ThreadState other : threads.values()) {
                    if (other != t) {
                        acquire(t, other.clock);
                    }
                }
            }
            case KEVENT_CREATE -> kernelEvents.put(o, new KernelEventClocks(KernelEventKind.ofArg(c.arg()) == KernelEventKind.SYNCHRONIZATION));
            case KEVENT_SET -> {
                kernelEvents.computeIfAbsent(o, k -> new KernelEventClocks(false)).set(c.related(), c.arg() >>> 1, t.clock, clocks);
                tick(t);
            }
            case KEVENT_CLEAR -> {
                KernelEventClocks e = kernelEvents.get(o);
                if (e != null) {
                    e.clear();
                }
            }
            case KEVENT_WAKE -> {
                KernelEventClocks e = kernelEvents.get(o);
                if (e != null) {
                    acquire(t, e.wake(c.related()));
                }
            }
            default -> { }
        }
    }

    private ThreadState thread(int id) {
        ThreadState t = threads.get(id);
        if (t == null) {
            if (threads.size() >= MAX_THREADS) {
                return null;
            }
            int slot = threads.size();
            int[] clock = clocks.ensure(Clocks.EMPTY, slot);
            clock[slot] = 1;
            t = new ThreadState(slot, clock);
            threads.put(id, t);
        }
        return t;
    }

    private static long key(int kind, int object) {
        return (long) kind << 32 | (object & 0xffffffffL);
    }

    /** The thread's clock joined into the hand-off of {@code kind} on the object; then its own clock moves on. */
    private void release(ThreadState t, int kind, int object) {
        long k = key(kind, object);
        int[] old = handoffs.get(k);
        handoffs.put(k, old == null ? clocks.copy(t.clock) : clocks.join(old, t.clock));
        tick(t);
    }

    private void acquire(ThreadState t, int[] from) {
        if (from != null && from.length > 0) {
            t.clock = clocks.join(t.clock, from);
        }
    }

    private void releaseLock(ThreadState t, int lock) {
        locks.put(lock, clocks.copy(t.clock));
        tick(t);
    }

    private void tick(ThreadState t) {
        t.clock = clocks.ensure(t.clock, t.slot);
        t.clock[t.slot]++;
    }

    private void access(EventCursor c, ThreadState t, int object, long key, int register, boolean write, boolean atomic, String site) {
        Location x = locations.computeIfAbsent(key, Location::new);
        if (atomic && !write) {
            acquire(t, x.sync);
        }
        Access a = new Access(t.slot, Clocks.get(t.clock, t.slot), c.seq(), c.thread(), site, write, atomic);
        for (Access earlier : x.access(a, t.clock)) {
            if (found.size() >= maxFound) {
                omitted++;
                continue;
            }
            // One report per location and pair of call sites (per pair of threads when no sites are recorded).
            String id = key + "|" + (earlier.site() != null ? earlier.site() : "thread " + earlier.thread()) + "|"
                    + (site != null ? site : "thread " + c.thread()) + "|" + earlier.write() + write;
            if (reported.add(id)) {
                found.add(new Found(key, object, register, earlier, a));
            } else {
                duplicates++;
            }
        }
        if (atomic && write) {
            x.sync = clocks.join(x.sync.length == 0 ? clocks.copy(t.clock) : x.sync, t.clock);
            tick(t);
        }
    }
}
