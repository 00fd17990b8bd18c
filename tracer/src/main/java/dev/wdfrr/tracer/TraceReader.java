package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.internal.BatchDecoder;
import dev.wdfrr.tracer.internal.BatchSource;
import dev.wdfrr.tracer.internal.Format;
import dev.wdfrr.tracer.internal.HeaderCodec;
import dev.wdfrr.tracer.internal.IoReasons;
import dev.wdfrr.tracer.internal.LaneSet;
import dev.wdfrr.tracer.internal.WriterLock;

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
 * Reads a trace in sequence order, streaming: one batch in memory at a time (one per lane for a
 * trace from a {@linkplain TraceWriter#concurrent concurrent writer}, whose lanes it merges by
 * sequence number), straight from the queue's files with bounds-checked reads. Iterate with
 * {@link #next(EventCursor)} (no allocation) or {@link #events()} (typed records). A trace
 * whose writer died is read up to its last complete event and reported by {@link #truncated()};
 * it is not a failure to open. Reading never instantiates a class named in the trace.
 */
public final class TraceReader implements AutoCloseable {
    private static final int MAX_EXCERPT = 1 << 20;
    /**
     * A lane's batches are what the writer makes (a batch's bytes plus the record that ends it);
     * each lane holds one in memory, so a larger one is corruption, not a reason to hold more.
     */
    private static final int MAX_LANE_EXCERPT = Format.BATCH_BYTES + Format.MAX_BODY + 64;

    private final Path dir;
    /** The trace directory's own queue: the header, the end mark and (unless lanes) the events. */
    private final BatchSource main;
    private final TraceHeader header;
    /** The lanes of a concurrent trace, or null. */
    private final LaneSet lanes;
    private final Names names = new Names();
    private final Target target = new Target();
    private long expectedSeq;
    private boolean recoverTail = true;
    /** Whether a live writer held the trace when it was opened. */
    private final boolean liveAtOpen;
    /** Set when reading stopped at data a live writer had not finished writing. */
    private boolean stoppedAtLiveEdge;

    private TraceReader(Path dir, BatchSource main, HeaderCodec.Decoded decoded, boolean liveAtOpen) {
        this.dir = dir;
        this.main = main;
        this.liveAtOpen = liveAtOpen;
        this.header = header(decoded);
        try {
            this.lanes = Format.LANES_PER_THREAD.equals(decoded.fields().get(Format.LANES_FIELD)) ? new LaneSet(dir, MAX_LANE_EXCERPT) : null;
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + IoReasons.of(e));
        }
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
        // Looked at before the files: a writer that finishes after this is still "live" here,
        // so data that changed under the reader is never taken for corruption.
        boolean live = WriterLock.writerAlive(dir);
        BatchSource main;
        try {
            main = new BatchSource(dir, MAX_EXCERPT, true);
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + IoReasons.of(e));
        }
        try {
            return new TraceReader(dir, main, readHeader(dir, main), live);
        } catch (RuntimeException e) {
            closeQuietly(main);
            if (e instanceof TraceException te) {
                throw te;
            }
            throw new TraceException(dir + " is not a readable trace: " + oneLine(e));
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
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
            throw new TraceException("cannot read " + dir + ": " + IoReasons.of(e));
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    private static HeaderCodec.Decoded readHeader(Path dir, BatchSource main) {
        boolean found;
        try {
            found = main.firstExcerpt();
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + IoReasons.of(e));
        }
        if (!found && WriterLock.writerAlive(dir)) {
            throw new TraceException(dir + " holds no events yet: its writer has only just started");
        }
        if (!found) {
            throw new TraceException(dir + " is not a wdfrr trace: the queue holds no data"
                    + (main.stopReason() != null ? " (" + main.stopReason() + ")" : ""));
        }
        HeaderCodec.Decoded d;
        try {
            d = HeaderCodec.decode(main.data(), main.length());
        } catch (IllegalArgumentException e) {
            throw new TraceException(dir + " is not a wdfrr trace: its first excerpt is not a wdfrr header"
                    + " (a queue written by another application?)");
        }
        if (d.major() != Format.MAJOR && d.major() != Format.MAJOR_LANES) {
            throw new TraceException(dir + " uses trace format " + d.major() + "." + d.minor()
                    + "; this wdfrr reads formats " + Format.MAJOR + ".x and " + Format.MAJOR_LANES
                    + ".x: use the wdfrr version that wrote it or a newer one");
        }
        return d;
    }

    private TraceHeader header(HeaderCodec.Decoded d) {
        Map<String, String> f = new LinkedHashMap<>();
        d.fields().forEach((k, v) -> f.put(TraceText.escape(k), TraceText.escape(v)));
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
                    f.getOrDefault("jvm", "?"), f.getOrDefault("os", "?"), Long.parseLong(f.getOrDefault("arrivalLimit", "-1")),
                    Boolean.parseBoolean(f.getOrDefault("assertions", "false")),
                    Boolean.parseBoolean(f.getOrDefault("callSites", "false")));
        } catch (IllegalArgumentException e) {
            throw new TraceException(dir + " has a corrupt header: " + e.getMessage());
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
        try {
            if (lanes == null ? !main.next(target, recoverTail) : !nextFromLanes()) {
                return false;
            }
        } catch (IllegalArgumentException e) {
            if (beingWritten()) {
                // Not corrupt: not written yet. A live writer's open batch and the file's end
                // move while they are read; what is readable ends here for now.
                stoppedAtLiveEdge = true;
                return false;
            }
            throw corrupt(e.getMessage());
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + IoReasons.of(e));
        }
        stoppedAtLiveEdge = false;
        expectedSeq = cursor.seq + 1;
        if (cursor.typeId == EventType.NAME.id()) {
            names.define(cursor.related, cursor.object, cursor.text);
        }
        return true;
    }

    /**
     * A missing number is corruption only if every lane was complete when it was looked for,
     * that is, if the end mark was seen before the lanes were read; the writer may close in
     * between. Reading a finished trace, the end mark is read first (the main queue is then
     * done with, so that costs nothing per event); following, the lanes are read first (a
     * look at the main queue re-reads its size) and read once more after an end mark shows up.
     */
    private boolean nextFromLanes() throws IOException {
        boolean endedBefore = recoverTail && endMarkSeen();
        LaneSet.Result r = lanes.next(expectedSeq, target, recoverTail);
        if (r == LaneSet.Result.FOUND) {
            return true;
        }
        if (!endedBefore) {
            if (recoverTail || !endMarkSeen()) {
                return false; // where the dead (or live) writer got to
            }
            r = lanes.next(expectedSeq, target, false);
            if (r == LaneSet.Result.FOUND) {
                return true;
            }
        }
        if (r == LaneSet.Result.GAP) {
            throw new IllegalArgumentException("event " + expectedSeq + " is in none of the " + lanes.size() + " lanes");
        }
        if (main.endCount() >= 0 && main.endCount() != expectedSeq) {
            throw new IllegalArgumentException("the trace ends at event " + (expectedSeq - 1) + " but its end mark counts "
                    + main.endCount() + " events");
        }
        return false;
    }

    private boolean endMarkSeen() throws IOException {
        if (main.next(target, recoverTail)) {
            throw new IllegalArgumentException("an event batch outside the lanes of a concurrent trace");
        }
        return main.sawEnd();
    }

    /** Whether a writer was writing the trace when it was opened, or is now. */
    private boolean beingWritten() {
        return liveAtOpen || WriterLock.writerAlive(dir);
    }

    /**
     * Whether the trace was being written while it was read: then a trace without an end mark is
     * incomplete, not truncated, and what could not be decoded yet was not taken for corruption.
     */
    public boolean beingWrittenWhileRead() {
        return beingWritten() && !main.sawEnd();
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
        return !main.sawEnd();
    }

    /** Sequence number of the last event read, or -1 before the first. */
    public long lastSeq() {
        return expectedSeq - 1;
    }

    /** "truncated after event N" for a trace without an end mark, else empty. */
    public Optional<String> truncationNote() {
        if (main.sawEnd()) {
            return Optional.empty();
        }
        if (stoppedAtLiveEdge || beingWritten()) {
            return Optional.of("incomplete after event " + lastSeq() + " (its writer is still writing it)");
        }
        return Optional.of("truncated after event " + lastSeq() + " (the writer died or is still writing)");
    }

    /**
     * Positions the reader so that the next event is {@code seq} (or the end, if the trace is
     * shorter); names defined before it are known.
     */
    public void seek(long seq) {
        expectedSeq = 0;
        names.clear();
        try {
            main.rewind();
            main.firstExcerpt(); // the header
            if (lanes == null) {
                main.skipTo(seq, (s, t, typeId, thread, cpu, irql, object, related, arg, text) -> names.define(related, object, text),
                        recoverTail);
                expectedSeq = main.lastSeq() + 1;
                return;
            }
            lanes.rewind();
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        } catch (IOException e) {
            throw new TraceException("cannot read " + dir + ": " + IoReasons.of(e));
        }
        // Lane heads are decoded anyway: read up to the wanted event (this also defines the names).
        EventCursor scratch = new EventCursor();
        while (expectedSeq < seq && next(scratch)) {
            // reading forward
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
        closeQuietly(main);
        if (lanes != null) {
            closeQuietly(lanes);
        }
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
