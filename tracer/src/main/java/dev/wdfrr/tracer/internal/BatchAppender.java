package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes batches of event records into one Chronicle queue, for one writer at a time. Records
 * go straight into the mapped memory of the open batch; each record's header is stored last,
 * so a writer killed mid-batch loses at most the record it was writing.
 *
 * <p>Two batch forms (see {@link Format}): a <em>serial</em> appender's batches hold
 * consecutive sequence numbers (a jump starts a new batch); a <em>lane</em> appender's records
 * each carry their sequence number as a gap from the previous one, because the other numbers
 * went to other threads' lanes.
 */
public final class BatchAppender {
    static {
        ChronicleLogging.init(); // before Chronicle binds SLF4J
    }

    private static final UnsafeMemory MEMORY = UnsafeMemory.MEMORY;

    private final Path dir;
    private final boolean lane;
    private final int batchMagic;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Pretoucher pretoucher;
    private final RecordEncoder encoder = new RecordEncoder();
    private final SpaceReserver space;
    /** Set when the file system refused space: nothing more is written. */
    private TraceException broken;

    private DocumentContext batch;
    private Bytes<?> bytes;
    private long batchStartPosition;
    private long batchStartTime;
    private int batchEvents;
    /** Serial: the sequence number the open batch expects next. Lane: one past the last written. */
    private long nextSeq;
    /** The raw-address path of the open batch: its base address and bytes used; 0 limit = off. */
    private long rawBase;
    private int rawOffset;
    private int rawLimit;
    private long previousTime;
    private long events;
    private boolean closed;

    /**
     * Opens (creating if needed) the queue in {@code dir}.
     *
     * @param lane whether records carry their own sequence numbers (a per-thread lane)
     */
    public BatchAppender(Path dir, long blockSize, boolean lane, String threadName) {
        this.dir = dir;
        this.lane = lane;
        this.batchMagic = lane ? Format.LANE_BATCH_MAGIC : Format.BATCH_MAGIC;
        this.space = new SpaceReserver(Math.min(SpaceReserver.STEP, Math.max(64 << 10, blockSize)));
        this.queue = QueueFiles.open(dir, blockSize);
        try {
            this.appender = queue.createAppender();
        } catch (RuntimeException | InternalError e) {
            queue.close();
            throw QueueFiles.cannotCreate(dir, e);
        }
        // A serial appender is handed events by whichever thread holds the runtime's lock.
        appender.singleThreadedCheckDisabled(true);
        this.pretoucher = new Pretoucher(threadName);
    }

    /** Writes one excerpt holding {@code data} (the header), its disk space allocated first. */
    public void writeExcerpt(byte[] data) {
        if (broken != null) {
            throw broken;
        }
        try {
            batch = appender.writingDocument();
            bytes = batch.wire().bytes();
            batchStartPosition = bytes.writePosition();
            reserveSpace(data.length);
            bytes.write(data);
            batch.close();
            batch = null;
            bytes = null;
        } catch (TraceException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            throw fail(e);
        }
    }

    /** One event; see {@code EventSink#event}. */
    public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
        checkOrder(seq);
        try {
            startRecord(seq, time);
            long gap = seq - nextSeq;
            if (rawLimit > 0) {
                appendRaw(type, time, gap, time - previousTime, thread, cpu, irql, object, related, arg);
            } else {
                encoder.event(lane ? gap : -1, time - previousTime, thread, cpu, irql, object, related, arg);
                append(type, time);
            }
            nextSeq = seq + 1;
            previousTime = time;
        } catch (TraceException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            throw fail(e);
        }
    }

    /** A record with a text (a name event): the event fields, then the text. */
    public void textEvent(long seq, long time, int type, int thread, int object, int related, String text) {
        checkOrder(seq);
        try {
            startRecord(seq, time);
            encoder.event(lane ? seq - nextSeq : -1, time - previousTime, thread, -1, 0, object, related, 0);
            encoder.text(text);
            if (rawLimit > 0) {
                appendRawEncoded(type, time);
            } else {
                append(type, time);
            }
            nextSeq = seq + 1;
            previousTime = time;
        } catch (TraceException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            throw fail(e);
        }
    }

    /** A caller's mistake, reported before anything is written: the lane stays usable. */
    private void checkOrder(long seq) {
        if (lane && seq < nextSeq) {
            throw new IllegalArgumentException("sequence number " + seq + " after " + (nextSeq - 1)
                    + " in the same thread: a thread's sequence numbers must increase");
        }
    }

    /** Opens a batch when none is open or (serial) the sequence number does not continue it. */
    private void startRecord(long seq, long time) {
        if (lane) {
            if (batch == null) {
                openBatch(seq, time);
            }
        } else if (batch == null || seq != nextSeq) {
            openBatch(seq, time);
        }
    }

    /** Chronicle could not write (it could not grow or map the file): this queue stops here. */
    private TraceException fail(Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        broken = new TraceException("cannot write trace " + dir + ": " + why + "; it is readable up to event " + (nextSeq - 1));
        batch = null;
        bytes = null;
        return broken;
    }

    private void openBatch(long seq, long time) {
        if (closed) {
            throw new IllegalStateException("trace " + dir + " is closed");
        }
        if (broken != null) {
            throw broken;
        }
        if (batch != null) {
            commit();
        }
        batch = appender.writingDocument();
        bytes = batch.wire().bytes();
        batchStartPosition = bytes.writePosition();
        reserveSpace(0);
        bytes.writeInt(batchMagic);
        bytes.writeLong(seq);
        bytes.writeLong(time);
        startRaw();
        nextSeq = seq;
        previousTime = time;
        batchStartTime = time;
        batchEvents = 0;
    }

    /**
     * Records go straight to the mapped memory of the batch through a raw address kept here:
     * each event touches this appender's fields and the destination line, not the several
     * objects behind Chronicle's {@code Bytes}. That matters when consecutive events come from
     * different cores (an enqueue on one, the callback start on another). The batch must fit
     * the current mapped chunk; when it does not, the {@code Bytes} path is used.
     */
    private void startRaw() {
        rawLimit = 0;
        rawOffset = 0;
        long pos = bytes.writePosition();
        BytesStore<?, ?> store = bytes.bytesStore();
        if (!(store instanceof MappedBytesStore mapped)) {
            return;
        }
        long room = mapped.safeLimit() - pos - 16;
        long wanted = Format.BATCH_BYTES + Format.MAX_BODY + 64L;
        if (room < wanted || !mapped.inside(pos, wanted)) {
            return;
        }
        rawBase = mapped.addressForWrite(pos);
        rawLimit = (int) wanted;
    }

    private void appendRaw(int type, long time, long gap, long delta, int thread, int cpu, int irql, int object, int related, long arg) {
        long header = rawBase + rawOffset;
        long p = header + 4;
        MEMORY.writeInt(header, 0);
        if (lane) {
            p = varint(p, gap);
        }
        p = varint(p, Format.zigzag(delta));
        p = varint(p, thread & 0xffffffffL);
        p = varint(p, (long) (cpu + 1) << 3 | irql & 7);
        p = varint(p, object & 0xffffffffL);
        p = varint(p, related & 0xffffffffL);
        p = varint(p, Format.zigzag(arg));
        int n = (int) (p - header - 4);
        MEMORY.writeOrderedInt(header, n << 8 | type); // last, with release ordering: the record is complete
        rawOffset += 4 + n;
        afterAppend(time, rawOffset);
    }

    private void appendRawEncoded(int type, long time) {
        int n = encoder.length();
        long header = rawBase + rawOffset;
        MEMORY.writeInt(header, 0);
        MEMORY.copyMemory(encoder.buffer(), 0, header + 4, n);
        MEMORY.writeOrderedInt(header, n << 8 | type);
        rawOffset += 4 + n;
        afterAppend(time, rawOffset);
    }

    private static long varint(long address, long v) {
        while ((v & ~0x7FL) != 0) {
            MEMORY.writeByte(address++, (byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        MEMORY.writeByte(address++, (byte) v);
        return address;
    }

    /** Counts the record and commits the batch once it is full or spans enough trace time. */
    private void afterAppend(long time, long batchBytes) {
        events++;
        if (++batchEvents >= Format.BATCH_EVENTS || batchBytes >= Format.BATCH_BYTES || time - batchStartTime >= Format.BATCH_NANOS) {
            commit();
        }
    }

    private void append(int type, long time) {
        int n = encoder.length();
        long at = bytes.writePosition();
        bytes.writeInt(0);
        bytes.write(encoder.buffer(), 0, n);
        // The header last, with release ordering: a non-zero header means a complete record.
        bytes.writeOrderedInt(at, n << 8 | type);
        afterAppend(time, bytes.writePosition() - batchStartPosition);
    }

    /**
     * Before a batch is written through the mapping, the disk space under it (and a batch's worth
     * beyond, for the record that ends it) is allocated: a full disk stops the trace here, cleanly.
     */
    private void reserveSpace(int extra) {
        try {
            java.io.File file = ((MappedBytes) bytes).mappedFile().file();
            space.ensure(file, batchStartPosition, extra + 2L * Format.BATCH_BYTES + Format.MAX_BODY + 64);
            pretoucher.limit(space.reservedUpTo());
        } catch (IOException e) {
            broken = new TraceException("cannot write trace " + dir + ": the disk is full or the file too large ("
                    + e.getMessage() + "); it is readable up to event " + (nextSeq - 1));
            batch.rollbackOnClose();
            batch.close();
            batch = null;
            bytes = null;
            throw broken;
        } catch (ClassCastException e) {
            // not a mapped file (never the case for a single-file queue): nothing to reserve
        }
    }

    private void commit() {
        if (rawLimit > 0) {
            bytes.writeSkip(rawOffset); // the records written through the raw address
            rawLimit = 0;
        }
        long end = bytes.writePosition();
        pretoucher.update(bytes.bytesStore(), end);
        batch.close();
        batch = null;
        bytes = null;
    }

    /** Records written so far. */
    public long events() {
        return events;
    }

    /** One past the last sequence number written (0 when none). */
    public long nextSeq() {
        return nextSeq;
    }

    /** Whether a write failed: the queue holds what came before. */
    public boolean broken() {
        return broken != null;
    }

    /**
     * Commits the open batch, then (when {@code endCount >= 0} and nothing failed) appends the end
     * mark with that event count, and releases the files.
     */
    public void close(long endCount) {
        if (closed) {
            return;
        }
        try {
            if (batch != null && broken == null) {
                commit();
            }
            if (broken == null && endCount >= 0) {
                try (DocumentContext dc = appender.writingDocument()) {
                    Bytes<?> b = dc.wire().bytes();
                    b.writeInt(Format.END_MAGIC);
                    b.writeLong(endCount);
                }
            }
        } catch (RuntimeException | InternalError e) {
            // the end mark could not be written (a full disk): the trace reads as truncated
        } finally {
            closed = true;
            pretoucher.stop();
            space.close();
            try {
                appender.close();
                queue.close();
            } catch (RuntimeException e) {
                // releasing the files after a failed write: nothing more to save
            }
        }
    }
}
