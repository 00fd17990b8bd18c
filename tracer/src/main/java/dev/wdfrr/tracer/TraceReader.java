package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.EventType;
import dev.wdfrr.tracer.internal.BatchDecoder;
import dev.wdfrr.tracer.internal.Format;
import dev.wdfrr.tracer.internal.HeaderCodec;
import dev.wdfrr.tracer.internal.QueueFileWalker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a trace in sequence order, streaming: one batch in memory at a time, straight from the
 * queue's files with bounds-checked reads. Iterate with
 * {@link #next(EventCursor)} (no allocation) or {@link #events()} (typed records). A trace
 * whose writer died is read up to its last complete event and reported by {@link #truncated()};
 * it is not a failure to open. Reading never instantiates a class named in the trace.
 */
public final class TraceReader implements AutoCloseable {
    private static final int MAX_EXCERPT = 1 << 20;

    private final Path dir;
    private final QueueFileWalker walker;
    private final TraceHeader header;
    private final BatchDecoder decoder = new BatchDecoder();
    private final Names names = new Names();
    private final Target target = new Target();
    private boolean inBatch;
    private long expectedSeq;
    private boolean sawEnd;
    private boolean atEnd;
    private boolean recoverTail = true;

    private TraceReader(Path dir, QueueFileWalker walker) {
        this.dir = dir;
        this.walker = walker;
        this.header = readHeader();
    }

    /**
     * Opens a trace directory. Reading never maps the files (a truncated file cannot crash the
     * JVM) and never loads a class named in them.
     *
     * @throws TraceException with a one-line reason: missing, not a directory, not a trace, an
     *                        unknown format version, or unreadable
     */
    public static TraceReader open(Path dir) {
        checkLooksLikeATrace(dir);
        QueueFileWalker w;
        try {
            w = new QueueFileWalker(dir, MAX_EXCERPT);
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + oneLine(e));
        }
        try {
            return new TraceReader(dir, w);
        } catch (RuntimeException e) {
            closeQuietly(w);
            if (e instanceof TraceException te) {
                throw te;
            }
            throw new TraceException(dir + " is not a readable trace: " + oneLine(e));
        }
    }

    private static void closeQuietly(QueueFileWalker w) {
        try {
            w.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    static void checkLooksLikeATrace(Path dir) {
        if (!Files.exists(dir)) {
            throw new TraceException("no such trace: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new TraceException(dir + " is not a trace: a trace is a directory");
        }
        if (!Files.isReadable(dir)) {
            throw new TraceException("cannot read " + dir + ": permission denied");
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.noneMatch(p -> p.getFileName().toString().endsWith(".cq4"))) {
                throw new TraceException(dir + " is not a trace: it holds no Chronicle queue files (*.cq4)");
            }
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    private TraceHeader readHeader() {
        QueueFileWalker.Step step = step(false);
        if (step != QueueFileWalker.Step.EXCERPT) {
            throw new TraceException(dir + " is not a wdfrr trace: the queue holds no data"
                    + (walker.stopReason() != null ? " (" + walker.stopReason() + ")" : ""));
        }
        HeaderCodec.Decoded d;
        try {
            d = HeaderCodec.decode(walker.data(), walker.length());
        } catch (IllegalArgumentException e) {
            throw new TraceException(dir + " is not a wdfrr trace: its first excerpt is not a wdfrr header"
                    + " (a queue written by another application?)");
        }
        if (d.major() != Format.MAJOR) {
            throw new TraceException(dir + " uses trace format " + d.major() + "." + d.minor()
                    + "; this wdfrr reads format " + Format.MAJOR + ".x: use the wdfrr version that wrote it or a newer one");
        }
        Map<String, String> f = d.fields();
        Map<String, String> params = new LinkedHashMap<>();
        f.forEach((k, v) -> {
            if (k.startsWith("param.")) {
                params.put(k.substring(6), v);
            }
        });
        try {
            return new TraceHeader(d.major(), d.minor(), f.getOrDefault("wdfrr", "?"), f.getOrDefault("scenario", "?"),
                    f.getOrDefault("scenarioClass", ""), params, EngineKind.parse(f.getOrDefault("engine", "deterministic")),
                    Long.parseLong(f.getOrDefault("seed", "0")), f.getOrDefault("strategy", "?"),
                    Integer.parseInt(f.getOrDefault("workers", "0")), Integer.parseInt(f.getOrDefault("cpus", "0")),
                    Long.parseLong(f.getOrDefault("durationNanos", "0")), Long.parseLong(f.getOrDefault("startEpochMillis", "0")),
                    f.getOrDefault("jvm", "?"), f.getOrDefault("os", "?"), Long.parseLong(f.getOrDefault("arrivalLimit", "-1")));
        } catch (IllegalArgumentException e) {
            throw new TraceException(dir + " has a corrupt header: " + e.getMessage());
        }
    }

    private QueueFileWalker.Step step(boolean openBatches) {
        try {
            return walker.next(openBatches, Format.BATCH_MAGIC);
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + oneLine(e));
        }
    }

    /** The header: what ran, with which engine, seed and parameters. */
    public TraceHeader header() {
        return header;
    }

    /** Names defined by the events read so far. */
    public Names names() {
        return names;
    }

    /** The trace directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Whether to read the batch a dead writer left open once the committed ones are exhausted
     * (default true). A follower of a trace still being written turns it off, and calls
     * {@link #next} again later to see what the writer committed since.
     */
    public TraceReader recoverTail(boolean on) {
        this.recoverTail = on;
        return this;
    }

    /**
     * Reads the next event into {@code cursor}.
     *
     * @return false at the end of the trace (for now, when following a live trace)
     * @throws TraceException when the data is corrupt (the message says after which event)
     */
    public boolean next(EventCursor cursor) {
        target.cursor = cursor;
        for (;;) {
            if (inBatch) {
                try {
                    if (decoder.next(target, false)) {
                        expectedSeq = cursor.seq + 1;
                        if (cursor.typeId == EventType.NAME.id()) {
                            names.define(cursor.related, cursor.object, cursor.text);
                        }
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    throw corrupt(e.getMessage());
                }
                inBatch = false;
            }
            if (atEnd || !loadBatch()) {
                return false;
            }
        }
    }

    private boolean loadBatch() {
        for (;;) {
            if (!recoverTail) {
                try {
                    walker.refresh();
                } catch (IOException e) {
                    throw new TraceException("cannot read " + dir + ": " + oneLine(e));
                }
            }
            QueueFileWalker.Step step = step(recoverTail && !sawEnd);
            if (step == QueueFileWalker.Step.END) {
                if (walker.stopReason() != null) {
                    throw corrupt(walker.stopReason());
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
                continue;
            }
            if (magic != Format.BATCH_MAGIC) {
                throw corrupt("an excerpt that is not an event batch");
            }
            long first;
            try {
                first = decoder.start(data, n);
            } catch (IllegalArgumentException e) {
                throw corrupt(e.getMessage());
            }
            if (first != expectedSeq) {
                if (step == QueueFileWalker.Step.OPEN_BATCH) {
                    atEnd = true;
                    return false; // an open batch that does not continue the trace: ignore it
                }
                throw corrupt("events " + expectedSeq + " to " + (first - 1) + " are missing (next batch starts at " + first + ")");
            }
            inBatch = true;
            if (step == QueueFileWalker.Step.OPEN_BATCH) {
                atEnd = true; // nothing can follow the open batch
            }
            return true;
        }
    }

    private TraceException corrupt(String what) {
        if (expectedSeq == 0) {
            return new TraceException(dir + " is corrupt before its first event: " + what);
        }
        return new TraceException(dir + " is corrupt after event " + (expectedSeq - 1) + ": " + what);
    }

    /**
     * True when the trace has no end mark: its writer died (or is still writing). Meaningful
     * once {@link #next} has returned false.
     */
    public boolean truncated() {
        return !sawEnd;
    }

    /** Sequence number of the last event read, or -1 before the first. */
    public long lastSeq() {
        return expectedSeq - 1;
    }

    /** "truncated after event N" for a trace without an end mark, else empty. */
    public Optional<String> truncationNote() {
        return sawEnd ? Optional.empty() : Optional.of("truncated after event " + lastSeq()
                + " (the writer died or is still writing)");
    }

    /**
     * Positions the reader so that the next event is {@code seq} (or the end, if the trace is
     * shorter); names defined before it are known.
     */
    public void seek(long seq) {
        try {
            walker.rewind();
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + oneLine(e));
        }
        inBatch = false;
        atEnd = false;
        sawEnd = false;
        expectedSeq = 0;
        names.clear();
        step(false); // the header
        EventCursor scratch = new EventCursor();
        target.cursor = scratch;
        while (expectedSeq < seq) {
            if (!inBatch) {
                if (atEnd || !loadBatch()) {
                    return;
                }
            }
            try {
                if (decoder.nextSeq() >= seq) {
                    return;
                }
                scratch.typeId = 0;
                if (decoder.next(target, true)) {
                    if (scratch.typeId == EventType.NAME.id() && scratch.seq == decoder.nextSeq() - 1) {
                        names.define(scratch.related, scratch.object, scratch.text);
                    }
                    expectedSeq = decoder.nextSeq();
                } else {
                    inBatch = false;
                }
            } catch (IllegalArgumentException e) {
                throw corrupt(e.getMessage());
            }
        }
    }

    /** Typed events from the current position to the end. */
    public Iterable<TraceEvent> events() {
        return () -> new Iterator<>() {
            private final EventCursor c = new EventCursor();
            private Boolean has;

            @Override
            public boolean hasNext() {
                if (has == null) {
                    has = TraceReader.this.next(c);
                }
                return has;
            }

            @Override
            public TraceEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                has = null;
                return c.toEvent(names);
            }
        };
    }

    @Override
    public void close() {
        closeQuietly(walker);
    }

    /** Decoder target writing into the caller's cursor. */
    private static final class Target implements BatchDecoder.Target {
        EventCursor cursor;

        @Override
        public void set(long seq, long time, int typeId, int thread, int cpu, int irql, int object, int related,
                        long arg, String text) {
            EventCursor c = cursor;
            c.seq = seq;
            c.time = time;
            c.typeId = typeId;
            c.thread = thread;
            c.cpu = cpu;
            c.irql = irql;
            c.object = object;
            c.related = related;
            c.arg = arg;
            c.text = text;
        }
    }
}
