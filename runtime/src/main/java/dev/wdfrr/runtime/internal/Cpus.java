package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.EventType;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The processors' DPC queues ({@code KDPC}, {@code KeInsertQueueDpc}, {@code KeRemoveQueueDpc},
 * {@code KeFlushQueuedDpcs}): one queue and one DPC thread per CPU, shared by every kind of DPC
 * (an interrupt's DPC for its ISR, a WDFDPC, a timer's DPC, a queue's deferred-dispatch DPC). A
 * CPU runs its DPCs one at a time in queue order, and none while an ISR runs on it (an ISR at
 * DIRQL masks DISPATCH). A DPC object is queued at most once: a second insert before it starts
 * returns false.
 */
final class Cpus {
    /** What a DPC does when its CPU runs it; {@link #begin} and {@link #end} are inside enter/exit. */
    interface Routine {
        /** Dequeued on {@code t} at DISPATCH: take the callback lock (may wait), set the frame, emit the start. */
        void begin(LogicalThread t);

        /** Outside enter/exit: the deferred routine (driver code through {@code k.invoke}). */
        void run(LogicalThread t);

        /** Back inside: release the callback lock, emit the end. Locks the driver left held are released before. */
        void end(LogicalThread t);
    }

    /** A kernel DPC object: its routine and where it is queued. Guarded by the kernel. */
    static final class Kdpc {
        final int objectId;
        final Routine routine;
        /** CPU whose queue holds it, or -1. */
        int queuedCpu = -1;
        /** Its place in that CPU's order: later inserts have larger tickets. */
        long ticket;
        /** Instances running now (on different CPUs). */
        int running;

        Kdpc(int objectId, Routine routine) {
            this.objectId = objectId;
            this.routine = routine;
        }

        boolean queued() {
            return queuedCpu >= 0;
        }

        /** Neither queued nor running. */
        boolean quiet() {
            return queuedCpu < 0 && running == 0;
        }
    }

    /** One processor: its DPC queue, the DPC it runs, and whether an ISR runs on it. */
    private static final class Cpu {
        final int index;
        final ArrayDeque<Kdpc> queue = new ArrayDeque<>();
        long nextTicket;
        Kdpc current;
        long currentTicket = -1;
        boolean isrActive;
        /** Raised when a DPC joins {@link #queue}: the DPC thread's idle wait. */
        final Signal dpcQueued = new Signal();

        Cpu(int index) {
            this.index = index;
        }
    }

    private final Kernel k;
    private final Locks locks;
    private final Cpu[] cpus;

    Cpus(Kernel k, Locks locks) {
        this.k = k;
        this.locks = locks;
        this.cpus = new Cpu[k.config().cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(i);
        }
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (Cpu c : cpus) {
                    if (!c.queue.isEmpty()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
                for (Cpu c : cpus) {
                    if (!c.queue.isEmpty()) {
                        out.append(", ").append(c.queue.size()).append(" DPCs queued on cpu-").append(c.index);
                    }
                }
            }
        });
    }

    int count() {
        return cpus.length;
    }

    /** The CPU a DPC queued by {@code t} goes to: its own, or CPU 0 for a thread bound to none. */
    int cpuOf(LogicalThread t) {
        return t.cpu >= 0 ? t.cpu % cpus.length : 0;
    }

    /** Registers a DPC thread per CPU (before the ISR threads: thread ids are traced). */
    void startDpcThreads(LogicalThread creator) {
        for (Cpu cpu : cpus) {
            LogicalThread c = k.newThread(creator, "cpu-" + cpu.index, ThreadKind.CPU, cpu.index);
            // An ISR preempts whatever runs below DIRQL on its CPU: the DPC makes no progress meanwhile
            c.gate = Wait.of(() -> !cpu.isrActive, () -> "the ISR running on cpu-" + cpu.index);
            k.start(c, () -> dpcLoop(c, cpu));
        }
    }

    /** An ISR starts or ends on {@code cpu}: while it runs, that CPU starts no DPC. Inside enter/exit. */
    void isrActive(int cpu, boolean active) {
        cpus[cpu].isrActive = active;
    }

    // ------------------------------------------------------------------ KeInsertQueueDpc / KeRemoveQueueDpc

    /** Inside enter/exit: {@code KeInsertQueueDpc}; false when it is already queued (anywhere). */
    boolean insert(Kdpc d, int cpu) {
        if (d.queued()) {
            return false;
        }
        Cpu c = cpus[cpu % cpus.length];
        d.queuedCpu = c.index;
        d.ticket = c.nextTicket++;
        c.queue.add(d);
        c.dpcQueued.raise();
        return true;
    }

    /** Inside enter/exit: {@code KeRemoveQueueDpc}; true when it was queued and is no longer. */
    boolean remove(Kdpc d) {
        if (!d.queued()) {
            return false;
        }
        cpus[d.queuedCpu].queue.remove(d);
        d.queuedCpu = -1;
        return true;
    }

    /**
     * Inside enter/exit: {@code KeFlushQueuedDpcs}. Waits until every DPC queued on any CPU at the
     * call, and every one running then, has returned; DPCs queued later are not waited for.
     */
    void flushQueued(LogicalThread t, Supplier<String> who) {
        long[] marks = new long[cpus.length];
        for (Cpu c : cpus) {
            marks[c.index] = c.nextTicket - 1;
        }
        k.await(t, Wait.of(() -> flushed(marks), () -> "the DPCs queued when " + who.get() + " began to flush them"), -1);
    }

    private boolean flushed(long[] marks) {
        for (Cpu c : cpus) {
            long mark = marks[c.index];
            if (c.current != null && c.currentTicket <= mark) {
                return false;
            }
            Kdpc head = c.queue.peek();
            if (head != null && head.ticket <= mark) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ the DPC threads

    private void dpcLoop(LogicalThread t, Cpu cpu) {
        // Only an empty queue promises a raise first; a queued DPC held back by a running ISR is re-checked.
        Wait dpcs = Wait.idle(() -> !cpu.queue.isEmpty() && !cpu.isrActive, "DPCs",
                () -> cpu.queue.isEmpty() ? cpu.dpcQueued : null);
        for (;;) {
            Kdpc d;
            k.enterWaiting(t, EventType.DPC_START, dpcs);
            try {
                k.await(t, dpcs, -1);
                d = cpu.queue.poll();
                d.queuedCpu = -1;
                d.running++;
                cpu.current = d;
                cpu.currentTicket = d.ticket;
                k.workStarted();
                t.irql = Irql.DISPATCH;
                d.routine.begin(t);
            } finally {
                k.exit(t);
            }
            d.routine.run(t);
            k.enter(t, EventType.DPC_END, d.objectId);
            try {
                locks.releaseHeldAtReturn(t);
                d.routine.end(t);
                d.running--;
                cpu.current = null;
                cpu.currentTicket = -1;
                k.workEnded();
                t.frame = null;
                t.irql = Irql.PASSIVE;
            } finally {
                k.exit(t);
            }
        }
    }
}
