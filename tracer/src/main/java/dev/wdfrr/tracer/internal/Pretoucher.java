package dev.wdfrr.tracer.internal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.io.ReferenceOwner;

import java.util.concurrent.locks.LockSupport;

/**
 * Touches the pages just ahead of the writer from a background thread, so that page faults of
 * a growing trace file are taken here and not on the recording path. Chronicle's own
 * pretoucher is an enterprise feature; this does what its open-source {@code MicroToucher}
 * does (a compare-and-swap of 0 with 0 on the first word of each page, harmless whether or not
 * the writer got there first), but off the writer's thread. The mapped chunk is reserved while
 * it is touched so it cannot be unmapped underneath.
 */
public final class Pretoucher implements ReferenceOwner {
    static {
        ChronicleLogging.init(); // before Chronicle binds SLF4J
    }

    private static final long PAGE = 4096;
    private static final long AHEAD = 4L << 20;
    private final Thread thread;
    private volatile BytesStore<?, ?> store;
    private volatile long position;
    private volatile boolean running = true;
    /** Pages beyond this are not allocated on disk: touching them could raise SIGBUS. */
    private volatile long limit = Long.MAX_VALUE;
    private long touchedUpTo;

    public Pretoucher(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The writer's current chunk and position; cheap, called once per batch. */
    public void update(BytesStore<?, ?> current, long writePosition) {
        this.store = current;
        this.position = writePosition;
    }

    private void loop() {
        while (running) {
            touch();
            LockSupport.parkNanos(this, 2_000_000);
        }
    }

    private void touch() {
        BytesStore<?, ?> bs = store;
        if (bs == null || !bs.tryReserve(this)) {
            return;
        }
        try {
            long from = Math.max(touchedUpTo, position + PAGE - 1 & -PAGE);
            long to = Math.min(position + AHEAD, limit - 8);
            for (long page = from; page < to && running; page += PAGE) {
                if (!bs.inside(page, 8)) {
                    break;
                }
                bs.compareAndSwapLong(page, 0, 0);
                touchedUpTo = page + PAGE;
            }
        } catch (RuntimeException | InternalError e) {
            // best effort: a page we cannot touch is faulted in by the writer instead
        } finally {
            bs.release(this);
        }
    }

    /** Touch no page at or beyond {@code end}: the disk space under it is not reserved. */
    public void limit(long end) {
        this.limit = end;
    }

    /** Stops the thread and waits (bounded) for it. */
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
