package dev.wdfrr.tracer.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The event records of one queue, in the order written: a trace's own queue, or one lane of a
 * concurrent trace. Walks the excerpts with {@link QueueFileWalker} and decodes batches with
 * {@link BatchDecoder}, one batch in memory at a time. Corrupt data ends in an
 * {@link IllegalArgumentException} saying what was found; the caller adds where.
 */
public final class BatchSource implements AutoCloseable {
    private final QueueFileWalker walker;
    private final BatchDecoder decoder = new BatchDecoder();
    /** Serial batches continue one another exactly; lane batches only move forward. */
    private final boolean serial;
    private final int batchMagic;
    private boolean inBatch;
    private boolean atEnd;
    private boolean sawEnd;
    private long endCount = -1;
    private long lastSeq = -1;

    public BatchSource(Path dir, int maxExcerpt, boolean serial) throws IOException {
        this.walker = new QueueFileWalker(dir, maxExcerpt);
        this.serial = serial;
        this.batchMagic = serial ? Format.BATCH_MAGIC : Format.LANE_BATCH_MAGIC;
    }

    /** Reads the first excerpt (a trace's header); false when the queue holds none. */
    public boolean firstExcerpt() throws IOException {
        return walker.next(false, batchMagic) == QueueFileWalker.Step.EXCERPT;
    }

    /** The bytes of the excerpt {@link #firstExcerpt} read. */
    public byte[] data() {
        return walker.data();
    }

    public int length() {
        return walker.length();
    }

    /** Why the walk stopped early, or null. */
    public String stopReason() {
        return walker.stopReason();
    }

    /** Whether the end mark was read. */
    public boolean sawEnd() {
        return sawEnd;
    }

    /** The event count the end mark gives, or -1 before it is read. */
    public long endCount() {
        return endCount;
    }

    /** Sequence number of the last record delivered, or -1. */
    public long lastSeq() {
        return lastSeq;
    }

    /**
     * Decodes the next record into {@code target}.
     *
     * @param recoverTail also read the batch a writer left open after the last committed one
     *                    (true when reading a finished or dead writer's trace; false when
     *                    following a live one, which re-reads the file's size instead)
     * @return false when nothing more is there (for now, when following)
     */
    public boolean next(BatchDecoder.Target target, boolean recoverTail) throws IOException {
        for (;;) {
            if (inBatch) {
                if (decoder.next(target, false)) {
                    lastSeq = decoder.nextSeq() - 1;
                    return true;
                }
                inBatch = false;
            }
            if (atEnd || !loadBatch(recoverTail)) {
                return false;
            }
        }
    }

    /**
     * The sequence number of the record {@link #next} would deliver, loading the next batch if
     * needed, without consuming it; -1 when nothing more is there (for now, when following).
     */
    public long peekSeq(boolean recoverTail) throws IOException {
        for (;;) {
            if (inBatch) {
                long seq = decoder.peekSeq();
                if (seq >= 0) {
                    return seq;
                }
                inBatch = false;
            }
            if (atEnd || !loadBatch(recoverTail)) {
                return -1;
            }
        }
    }

    /**
     * Serial queues only: skips to the record numbered {@code seq} without decoding the events
     * before it, delivering the name records among them to {@code names}.
     *
     * @return false when the queue ended first
     */
    public boolean skipTo(long seq, BatchDecoder.Target names, boolean recoverTail) throws IOException {
        while (lastSeq + 1 < seq) {
            if (!inBatch && (atEnd || !loadBatch(recoverTail))) {
                return false;
            }
            if (decoder.nextSeq() >= seq) {
                return true;
            }
            if (decoder.next(names, true)) {
                lastSeq = decoder.nextSeq() - 1;
            } else {
                inBatch = false;
            }
        }
        return true;
    }

    private boolean loadBatch(boolean recoverTail) throws IOException {
        for (;;) {
            if (!recoverTail) {
                walker.refresh();
            }
            QueueFileWalker.Step step = walker.next(recoverTail && !sawEnd, batchMagic);
            if (step == QueueFileWalker.Step.END) {
                if (walker.stopReason() != null) {
                    throw new IllegalArgumentException(walker.stopReason());
                }
                if (recoverTail) {
                    atEnd = true;
                }
                return false;
            }
            byte[] data = walker.data();
            int n = walker.length();
            int magic = n >= 4 ? data[0] & 0xff | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 24 : 0;
            if (magic == Format.END_MAGIC) {
                sawEnd = true;
                endCount = n >= 12 ? ByteReader.longLE(data, 4) : -1;
                continue;
            }
            if (magic != batchMagic) {
                throw new IllegalArgumentException(magic == Format.BATCH_MAGIC || magic == Format.LANE_BATCH_MAGIC
                        ? "an event batch of the wrong kind (" + (serial ? "a lane batch in the trace's own queue" : "a serial batch in a lane") + ")"
                        : "an excerpt that is not an event batch");
            }
            long first = decoder.start(data, n);
            boolean fits = serial ? first == lastSeq + 1 : first > lastSeq;
            if (!fits) {
                if (step == QueueFileWalker.Step.OPEN_BATCH) {
                    atEnd = true;
                    return false; // an open batch that does not continue the queue: ignore it
                }
                throw new IllegalArgumentException(serial
                        ? "events " + (lastSeq + 1) + " to " + (first - 1) + " are missing (next batch starts at " + first + ")"
                        : "a lane goes back from event " + lastSeq + " to " + first);
            }
            inBatch = true;
            if (step == QueueFileWalker.Step.OPEN_BATCH) {
                atEnd = true; // nothing can follow the open batch
            }
            return true;
        }
    }

    /** Back to the first excerpt. */
    public void rewind() throws IOException {
        walker.rewind();
        inBatch = false;
        atEnd = false;
        sawEnd = false;
        endCount = -1;
        lastSeq = -1;
    }

    @Override
    public void close() throws IOException {
        walker.close();
    }
}
