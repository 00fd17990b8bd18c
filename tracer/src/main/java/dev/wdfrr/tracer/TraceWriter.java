package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EventSink;
import dev.wdfrr.runtime.NameKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.tracer.internal.Format;
import dev.wdfrr.tracer.internal.HeaderCodec;
import dev.wdfrr.tracer.internal.Pretoucher;
import dev.wdfrr.tracer.internal.RecordEncoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An {@link EventSink} that writes a trace to a Chronicle Queue directory. Events go into
 * batches written straight into the memory-mapped file; each record's header is stored last,
 * so a writer killed mid-batch loses at most the record it was writing, and
 * {@link TraceReader} recovers the rest. A normal {@link #close()} commits everything and marks
 * the trace complete. Like every sink it is called one event at a time (the runtime
 * serializes); it allocates nothing per event.
 */
public final class TraceWriter implements EventSink {
    /** Default mapped chunk size: large enough that chunk changes are rare, small for small traces. */
    public static final long DEFAULT_BLOCK_SIZE = 4L << 20;

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Pretoucher pretoucher;
    private final RecordEncoder encoder = new RecordEncoder();
    private final dev.wdfrr.tracer.internal.SpaceReserver space = new dev.wdfrr.tracer.internal.SpaceReserver();
    /** Set when the file system refused space: nothing more is written. */
    private TraceException broken;

    private DocumentContext batch;
    private Bytes<?> bytes;
    private long batchStartPosition;
    private long batchStartTime;
    private int batchEvents;
    private long nextSeq;
    /** The raw-address path of the open batch: its base address and bytes used; 0 limit = off. */
    private long rawBase;
    private int rawOffset;
    private int rawLimit;
    private static final net.openhft.chronicle.core.UnsafeMemory MEMORY = net.openhft.chronicle.core.UnsafeMemory.MEMORY;
    private long previousTime;
    private long events;
    private boolean closed;

    private TraceWriter(Path dir, long blockSize) {
        this.dir = dir;
        this.queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(RollCycles.FAST_DAILY)
                .indexCount(512)
                .indexSpacing(64)
                .blockSize(blockSize)
                .build();
        this.appender = queue.createAppender();
        // The runtime hands events over from whichever thread holds its kernel lock, one at a time.
        appender.singleThreadedCheckDisabled(true);
        this.pretoucher = new Pretoucher("wdfrr-pretoucher");
    }

    /**
     * Creates a trace in {@code dir}, which must not exist or be empty, unless {@code overwrite}
     * is set, in which case an existing trace there is deleted first.
     *
     * @throws TraceException when the directory holds files and overwriting was not asked for,
     *                        or holds something that is not a trace
     */
    public static TraceWriter create(Path dir, boolean overwrite) {
        return create(dir, overwrite, DEFAULT_BLOCK_SIZE);
    }

    /** As {@link #create(Path, boolean)} with a chosen mapped chunk size (small for small sample traces). */
    public static TraceWriter create(Path dir, boolean overwrite, long blockSize) {
        prepare(dir, overwrite);
        return new TraceWriter(dir, blockSize);
    }

    private static void prepare(Path dir, boolean overwrite) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new TraceException(dir + " exists and is not a directory");
            }
            if (Files.isDirectory(dir)) {
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty) {
                    if (!overwrite) {
                        throw new TraceException(dir + " already holds files; choose another directory or pass --force to replace the trace there");
                    }
                    deleteTrace(dir);
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TraceException("cannot create trace directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the files of a trace, refusing anything that does not look like one. */
    private static void deleteTrace(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) || !(n.endsWith(".cq4") || n.endsWith(".cq4t"))) {
                    throw new TraceException(dir + " holds " + n + ", which is not part of a trace: not replacing it");
                }
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Where the trace is written. */
    public Path directory() {
        return dir;
    }

    @Override
    public void begin(RunInfo info) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("wdfrr", info.wdfrrVersion());
        fields.put("scenario", info.scenarioId());
        fields.put("scenarioClass", info.scenarioClass());
        fields.put("engine", info.engine().name());
        fields.put("seed", Long.toString(info.seed()));
        fields.put("strategy", info.strategy());
        fields.put("workers", Integer.toString(info.workers()));
        fields.put("cpus", Integer.toString(info.cpus()));
        fields.put("durationNanos", Long.toString(info.durationNanos()));
        fields.put("startEpochMillis", Long.toString(info.startEpochMillis()));
        fields.put("jvm", info.jvm());
        fields.put("os", info.os());
        if (info.arrivalLimit() >= 0) {
            fields.put("arrivalLimit", Long.toString(info.arrivalLimit()));
        }
        info.parameters().forEach((k, v) -> fields.put("param." + k, v));
        byte[] header = HeaderCodec.encode(fields);
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(header);
        }
    }

    @Override
    public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
        try {
            if (batch == null || seq != nextSeq) {
                openBatch(seq, time);
            }
            if (rawLimit > 0) {
                appendRaw(type, time, time - previousTime, thread, cpu, irql, object, related, arg);
            } else {
                encoder.event(time - previousTime, thread, cpu, irql, object, related, arg);
                append(type, time);
            }
            previousTime = time;
        } catch (TraceException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            throw fail(e);
        }
    }

    @Override
    public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
        try {
            if (batch == null || seq != nextSeq) {
                openBatch(seq, time);
            }
            encoder.event(time - previousTime, thread, -1, 0, id, kind.id(), 0);
            encoder.text(text);
            previousTime = time;
            if (rawLimit > 0) {
                appendRawEncoded(dev.wdfrr.runtime.EventType.NAME.id(), time);
            } else {
                append(dev.wdfrr.runtime.EventType.NAME.id(), time);
            }
        } catch (TraceException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            throw fail(e);
        }
    }

    /** Chronicle could not write (it could not grow or map the file): the trace stops here. */
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
        reserveSpace();
        bytes.writeInt(Format.BATCH_MAGIC);
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
     * each event touches this writer's fields and the destination line, not the several
     * objects behind Chronicle's {@code Bytes}. That matters when consecutive events come from
     * different cores (an enqueue on one, the callback start on another). The batch must fit
     * the current mapped chunk; when it does not, the {@code Bytes} path is used.
     */
    private void startRaw() {
        rawLimit = 0;
        rawOffset = 0;
        long pos = bytes.writePosition();
        net.openhft.chronicle.bytes.BytesStore<?, ?> store = bytes.bytesStore();
        if (!(store instanceof net.openhft.chronicle.bytes.MappedBytesStore mapped)) {
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

    private void appendRaw(int type, long time, long delta, int thread, int cpu, int irql, int object, int related, long arg) {
        long header = rawBase + rawOffset;
        long p = header + 4;
        MEMORY.writeInt(header, 0);
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
        nextSeq++;
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
    private void reserveSpace() {
        try {
            java.io.File file = ((net.openhft.chronicle.bytes.MappedBytes) bytes).mappedFile().file();
            space.ensure(file, batchStartPosition, 2L * Format.BATCH_BYTES + Format.MAX_BODY + 64);
            pretoucher.limit(space.reservedUpTo());
        } catch (java.io.IOException e) {
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

    /** Number of events (names included) written so far. */
    public long events() {
        return events;
    }

    /** Commits the open batch, marks the trace complete and releases the files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (batch != null && broken == null) {
                commit();
            }
            if (broken == null) {
                try (DocumentContext dc = appender.writingDocument()) {
                    Bytes<?> b = dc.wire().bytes();
                    b.writeInt(Format.END_MAGIC);
                    b.writeLong(nextSeq);
                }
            }
        } catch (RuntimeException e) {
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

    @Override
    public String toString() {
        return "trace " + dir;
    }
}
