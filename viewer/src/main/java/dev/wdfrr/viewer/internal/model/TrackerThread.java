package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.EventCursor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The second half of a load, on its own thread: while the loading thread decodes events and
 * stores their columns, this one tracks spans, marks, links and latency
 * ({@link ModelBuilder#track}). Events cross in batches through a blocking queue — the
 * handoff orders the memory — and the emptied batches come back for reuse. The two halves
 * write disjoint parts of the model; the loading thread joins this one before anyone reads it.
 * Nothing here interrupts a thread: the loader ends the tracker with an end batch.
 */
final class TrackerThread extends Thread {
    static final int BATCH = 16_384;
    private static final int BATCHES = 8;
    /** How long the loader waits for a free batch before checking that the tracker is still alive. */
    private static final long WAIT_MS = 200;

    /** Columns of up to {@link #BATCH} events. */
    static final class Batch {
        final long[] seq;
        final long[] time;
        final int[] type;
        final int[] thread;
        final int[] cpu;
        final int[] irql;
        final int[] object;
        final int[] related;
        final long[] arg;
        int n;

        Batch(int capacity) {
            seq = new long[capacity];
            time = new long[capacity];
            type = new int[capacity];
            thread = new int[capacity];
            cpu = new int[capacity];
            irql = new int[capacity];
            object = new int[capacity];
            related = new int[capacity];
            arg = new long[capacity];
        }

        void add(EventCursor c) {
            seq[n] = c.seq();
            time[n] = c.time();
            type[n] = c.typeId();
            thread[n] = c.thread();
            cpu[n] = c.cpu();
            irql[n] = c.irqlOrdinal();
            object[n] = c.object();
            related[n] = c.related();
            arg[n] = c.arg();
            n++;
        }

        boolean full() {
            return n == seq.length;
        }
    }

    /** The end marker: an empty batch of no capacity. */
    private final Batch end = new Batch(0);

    private final ModelBuilder builder;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private volatile Throwable failure;

    TrackerThread(ModelBuilder builder, String name) {
        super(name);
        this.builder = builder;
        setDaemon(true);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(BATCH));
        }
    }

    @Override
    public void run() {
        EventCursor c = new EventCursor();
        try {
            for (Batch b = full.take(); b != end; b = full.take()) {
                for (int i = 0; i < b.n; i++) {
                    builder.track(c.set(b.seq[i], b.time[i], b.type[i], b.thread[i], b.cpu[i], b.irql[i], b.object[i],
                            b.related[i], b.arg[i], null));
                }
                b.n = 0;
                free.add(b);
            }
        } catch (InterruptedException e) {
            failure = e; // nobody interrupts this thread; if someone does, the load fails rather than hangs
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** An empty batch to fill (loader thread). */
    Batch emptyBatch() {
        try {
            for (;;) {
                Batch b = free.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                checkAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("loading thread interrupted", e);
        }
    }

    /** Hands a filled batch over (loader thread). */
    void send(Batch b) {
        checkAlive();
        full.add(b); // never full: there are only BATCHES batches plus the end marker
    }

    /** Sends the end marker and waits for the tracker to finish; rethrows its failure (loader thread). */
    void finish() {
        full.add(end);
        boolean interrupted = false;
        while (isAlive()) {
            try {
                join();
            } catch (InterruptedException e) {
                interrupted = true; // finish anyway: the model must not be shared while the tracker runs
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        checkAlive();
    }

    private void checkAlive() {
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("the tracking thread failed: " + f, f);
        }
    }
}
