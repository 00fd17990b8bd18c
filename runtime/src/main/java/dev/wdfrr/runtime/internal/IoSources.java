package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.ConfigurationException;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.hw.IoSourceConfig;
import dev.wdfrr.runtime.hw.RequestMix;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfRequest;

import java.util.ArrayList;
import java.util.PriorityQueue;

/**
 * Where requests come from: the I/O manager and the processes that send I/O (io-queues-and-
 * requests.md [Q1][Q2][R7]). A requester is a process's handle; it sends on the calling thread
 * (the request may be delivered before the send returns) and cancels ({@code CancelIo}, a process
 * exit then the handle's cleanup). A virtual I/O source runs requester threads that send at the
 * times of an arrival process and cancel as its plan says, like the virtual devices' interrupts.
 */
final class IoSources {
    private final Kernel k;
    private final Lifetime lifetime;
    private final Requests requests;
    private final IoQueues queues;
    private final ArrayList<IoSourceImpl> sources = new ArrayList<>();

    IoSources(Kernel k, Lifetime lifetime, Requests requests, IoQueues queues) {
        this.k = k;
        this.lifetime = lifetime;
        this.requests = requests;
        this.queues = queues;
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (IoSourceImpl s : sources) {
                    if (s.running > 0) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
                for (IoSourceImpl s : sources) {
                    if (s.running > 0) {
                        out.append(", ").append(s.describe()).append(" sending");
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ requesters

    /** {@code CreateFile}: a handle to {@code device}. */
    Requester open(WdfDevice device, String name) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            return openLocked(t, device(device), name);
        } finally {
            k.exit(t);
        }
    }

    private RequesterImpl openLocked(LogicalThread t, DeviceImpl d, String name) {
        int id = k.newObjectId();
        RequesterImpl r = new RequesterImpl(this, lifetime, id, name, d);
        k.nameObject(t, id, name);
        k.emit(t, EventType.OBJECT_CREATE, id, d.id, ObjectKind.REQUESTER.id());
        return r;
    }

    private DeviceImpl device(WdfDevice device) {
        if (!(device instanceof DeviceImpl d) || d.lifetime != lifetime) {
            throw new IllegalArgumentException(device + " is not a device of this runtime");
        }
        return d;
    }

    /** {@code ReadFile}/{@code WriteFile}/{@code DeviceIoControl} on the calling thread. */
    WdfRequest send(RequesterImpl requester, RequestType type, long length, long inputLength, int code) {
        if (length < 0 || length > 0xFFFFFFFFL || inputLength < 0 || inputLength > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("buffer lengths must be in [0, 2^32-1], got " + length + "/" + inputLength);
        }
        LogicalThread t = k.current();
        if (requester.exited) {
            throw new IllegalStateException(requester.describe() + ": its process has exited");
        }
        return queues.arrive(t, requester.device, requester, type, length, inputLength, code);
    }

    /**
     * {@code IoCancelIrp}: the cancel-safe queue's half, then (for a waiting request) the queue's
     * half in a step of its own, as the framework takes the queue's lock after the removal ([Q14]).
     */
    boolean cancel(RequesterImpl requester, RequestImpl r, CancelReason reason) {
        return cancel(requester, r, reason, false);
    }

    /** @param onlyWaiting cancel only a request still waiting in a queue (the handle's cleanup) */
    private boolean cancel(RequesterImpl requester, RequestImpl r, CancelReason reason, boolean onlyWaiting) {
        LogicalThread t = k.current();
        QueueLoop.Pending p = new QueueLoop.Pending();
        boolean waiting;
        boolean was;
        k.enter(t, EventType.REQUEST_CANCEL, r.id);
        try {
            if (onlyWaiting && r.where != RequestImpl.Where.WAITING) {
                return false;
            }
            was = !r.completed();
            waiting = requests.cancels().cancel(t, r, reason, p, k.eventCount());
        } finally {
            k.exit(t);
        }
        queues.loop().runPending(t, p);
        if (waiting) {
            QueueLoop.Pending second = new QueueLoop.Pending();
            k.enter(t, EventType.REQUEST_CANCEL, r.id);
            try {
                requests.cancels().cancelForQueue(t, r, second, k.eventCount());
            } finally {
                k.exit(t);
            }
            queues.loop().runPending(t, second);
        }
        return was;
    }

    /** {@code CancelIo}: every outstanding request of the handle, oldest first. */
    void cancelAll(RequesterImpl requester, CancelReason reason) {
        for (RequestImpl r : snapshot(requester)) {
            cancel(requester, r, reason);
        }
    }

    /**
     * The process exits: the I/O manager cancels its requests, then the handle's cleanup makes
     * the framework cancel those still waiting in a queue ({@code FlushAllQueuesByFileObject}).
     */
    void exitProcess(RequesterImpl requester) {
        requester.exited = true;
        cancelAll(requester, CancelReason.PROCESS_EXIT);
        for (RequestImpl r : snapshot(requester)) {
            cancel(requester, r, CancelReason.FILE_CLEANUP, true);
        }
    }

    private ArrayList<RequestImpl> snapshot(RequesterImpl requester) {
        LogicalThread t = k.current();
        k.enter(t, EventType.REQUEST_CANCEL, requester.id);
        try {
            return new ArrayList<>(requester.outstanding);
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ virtual I/O sources

    IoSource create(IoSourceConfig c) {
        if (c.maxRequests() < 0 && c.untilNanos() < 0) {
            throw new ConfigurationException("I/O source '" + c.name() + "' needs a bound on its requests: maxRequests or untilNanos");
        }
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            DeviceImpl d = device(c.target());
            int id = k.newObjectId();
            IoSourceImpl s = new IoSourceImpl(this, lifetime, id, c);
            k.nameObject(t, id, c.name());
            k.emit(t, EventType.OBJECT_CREATE, id, d.id, ObjectKind.IO_SOURCE.id());
            for (int i = 0; i < c.requesters(); i++) {
                s.requesters.add(openLocked(t, d, c.name() + "-" + i));
            }
            sources.add(s);
            return s;
        } finally {
            k.exit(t);
        }
    }

    void start(IoSourceImpl s) {
        LogicalThread t = k.current();
        k.enter(t, EventType.THREAD_START, s.id);
        try {
            if (s.started) {
                throw new IllegalStateException(s.describe() + " was already started");
            }
            s.started = true;
            for (int i = 0; i < s.requesters.size(); i++) {
                int index = i;
                LogicalThread rt = k.newThread(t, "io-" + s.name + "-" + i, ThreadKind.REQUESTER, -1);
                s.running++;
                k.emit(t, EventType.THREAD_START, rt.id, s.requesters.get(i).id, 0);
                k.start(rt, () -> requesterLoop(rt, s, index));
            }
        } finally {
            k.exit(t);
        }
    }

    void stop(IoSourceImpl s) {
        LogicalThread t = k.current();
        k.enter(t, EventType.DEVICE_STOP, s.id);
        try {
            if (!s.stopRequested) {
                s.stopRequested = true;
                k.emit(t, EventType.DEVICE_STOP, s.id, 0, s.sent());
            }
        } finally {
            k.exit(t);
        }
    }

    /** A cancel the plan scheduled: when, and which request. */
    private record PlannedCancel(long at, long order, RequestImpl request) {
    }

    /** A requester's share of the source's arrivals: arrival numbers index, index + n, … of the one sequence. */
    private static final class Share {
        final InterruptSource.Arrivals arrivals;
        final int index;
        final int n;
        final long max;
        final long until;
        long number;

        Share(IoSourceConfig c, int index, int n) {
            this.arrivals = c.arrivals().arrivals();
            this.index = index;
            this.n = n;
            this.max = c.maxRequests();
            this.until = c.untilNanos();
        }

        /** The time of the next arrival of this share, or -1 when the source is done. */
        long next() {
            for (;;) {
                long at = arrivals.next();
                long j = number++;
                if (at < 0 || max >= 0 && j >= max || until >= 0 && at > until) {
                    return -1;
                }
                if (j % n == index) {
                    return at;
                }
            }
        }
    }

    /** One requester's thread: its share of the arrivals, its planned cancels, its process exit. */
    private void requesterLoop(LogicalThread t, IoSourceImpl s, int index) {
        IoSourceConfig c = s.config;
        RequesterImpl requester = s.requesters.get(index);
        Share share = new Share(c, index, s.requesters.size());
        long nextArrival = share.next();
        long exitAt = index == c.cancels().exitingRequester() ? c.cancels().processExitAtNanos() : -1;
        PriorityQueue<PlannedCancel> cancels = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
                : Long.compare(a.order, b.order));
        long order = 0;
        try {
            for (;;) {
                long next = Long.MAX_VALUE;
                int what = 0;
                if (nextArrival >= 0 && !requester.exited) {
                    next = nextArrival;
                    what = 1;
                }
                if (!cancels.isEmpty() && cancels.peek().at < next) {
                    next = cancels.peek().at;
                    what = 2;
                }
                if (exitAt >= 0 && !requester.exited && exitAt < next) {
                    next = exitAt;
                    what = 3;
                }
                if (what == 0) {
                    break;
                }
                k.engine().sleepUntil(t, next);
                if (what == 3) {
                    exitProcess(requester);
                    cancels.clear();
                } else if (what == 2) {
                    // CancelIoEx of a request that completed meanwhile finds nothing: traced as such
                    cancel(requester, cancels.poll().request(), CancelReason.CANCEL_IO);
                } else if (stopRequested(t, s)) {
                    nextArrival = -1;
                } else {
                    RequestImpl r = sendOne(t, s, requester);
                    if (c.cancels().cancelIoFraction() > 0 && t.random.nextDouble() < c.cancels().cancelIoFraction()) {
                        cancels.add(new PlannedCancel(cancelTime(t, c), order++, r));
                    }
                    nextArrival = share.next();
                }
            }
        } finally {
            if (!k.engine().stopped()) {
                k.enter(t, EventType.THREAD_END, t.id);
                try {
                    s.running--;
                    k.emit(t, EventType.THREAD_END, t.id, requester.id, 0);
                } finally {
                    k.exit(t);
                }
            }
        }
    }

    /** When a planned CancelIo comes: an instant within the plan's window that the schedule chooses (traced). */
    private long cancelTime(LogicalThread t, IoSourceConfig c) {
        k.enter(t, EventType.REQUEST_CANCEL, 0);
        try {
            long now = k.now();
            return k.choose(t, Kernel.CHOICE_TIME, now + c.cancels().cancelAfterMinNanos(), now + c.cancels().cancelAfterMaxNanos());
        } finally {
            k.exit(t);
        }
    }

    private boolean stopRequested(LogicalThread t, IoSourceImpl s) {
        k.enter(t, EventType.REQUEST_CREATE, s.id);
        try {
            return s.stopRequested;
        } finally {
            k.exit(t);
        }
    }

    /** One request of the mix and sizes, from the requester thread's own seeded draws. */
    private RequestImpl sendOne(LogicalThread t, IoSourceImpl s, RequesterImpl requester) {
        IoSourceConfig c = s.config;
        RequestMix mix = c.mix();
        double u = t.random.nextDouble() * (mix.read() + mix.write() + mix.deviceControl());
        RequestType type = u < mix.read() ? RequestType.READ : u < mix.read() + mix.write() ? RequestType.WRITE
                : RequestType.DEVICE_CONTROL;
        long span = c.sizes().max() - c.sizes().min();
        long size = c.sizes().min() + (span > 0 ? t.random.nextLong(span + 1) : 0);
        int code = type == RequestType.DEVICE_CONTROL ? mix.ioControlCodes()[t.random.nextInt(mix.ioControlCodes().length)] : 0;
        return queues.arrive(t, requester.device, requester, type, size, type == RequestType.DEVICE_CONTROL ? size : 0, code);
    }
}
