package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.internal.BatchAppender;
import dev.wdfrr.tracer.internal.Format;
import dev.wdfrr.tracer.internal.HeaderCodec;
import dev.wdfrr.tracer.internal.IoReasons;
import dev.wdfrr.tracer.internal.WriterLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * An {@link EventSink} that writes a trace to a Chronicle Queue directory. Events go into
 * batches written straight into the memory-mapped file; each record's header is stored last,
 * so a writer killed mid-batch loses at most the record it was writing, and
 * {@link TraceReader} recovers the rest. A normal {@link #close()} commits everything and marks
 * the trace complete. It allocates nothing per event.
 *
 * <p>Two kinds, chosen at creation:
 * <ul>
 * <li>{@link #create serial}: called one event at a time, as the runtime does (it serializes
 *     under its own lock); one queue holds every event in order.</li>
 * <li>{@link #concurrent}: called by many threads at once, with no common lock. Each thread
 *     appends to its own lane (a queue of its own, in a subdirectory), so threads share
 *     nothing but the sequence counter ({@link #nextSeq()}); the reader merges the lanes back
 *     into the one gapless order. A thread killed mid-record loses only that record.</li>
 * </ul>
 */
public final class TraceWriter implements EventSink {
    /** Default mapped chunk size: large enough that chunk changes are rare, small for small traces. */
    public static final long DEFAULT_BLOCK_SIZE = 4L << 20;

    private final Path dir;
    private final long blockSize;
    private final boolean concurrent;
    /** The trace directory's own queue: header, end mark, and (serial) every event. */
    private final BatchAppender main;
    /**
     * The sequence counter, the one thing concurrent writers share. It is the middle slot of
     * an array so that no other object sits on its cache line: every thread hits it on every
     * event, and a neighbour (this writer's fields, the thread-local's hash) would miss each time.
     */
    private final AtomicLongArray sequence = new AtomicLongArray(2 * COUNTER_SLOT + 1);
    private static final int COUNTER_SLOT = 12;
    /** Concurrent: each thread's lane, created on its first event. */
    private final ThreadLocal<BatchAppender> laneOfThread = new ThreadLocal<>();
    private final List<BatchAppender> lanes = new ArrayList<>();
    /** Threads that may write (each gets a lane). */
    private int maxLanes = TraceLimits.MAX_LANES;
    /** This writer's claim on the directory, released by {@link #close()}. */
    private final WriterLock claim;
    private volatile boolean closed;
    /** Whether creating this writer created its directory (so discarding the trace removes it too). */
    private boolean createdDirectory;

    private TraceWriter(Path dir, long blockSize, boolean concurrent, WriterLock claim) {
        this.dir = dir;
        this.blockSize = blockSize;
        this.concurrent = concurrent;
        this.claim = claim;
        try {
            this.main = new BatchAppender(dir, blockSize, false, "wdfrr-pretoucher");
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /**
     * A file wdfrr may keep in a trace directory beside the trace: the command-line arguments that
     * replay it (a failing {@code @WdfTest} writes the test's classpath there). Replacing the trace
     * replaces it too.
     */
    public static final String REPLAY_ARGS = "replay.args";

    /**
     * Creates a trace in {@code dir}, which must not exist or be empty, unless {@code overwrite}
     * is set, in which case an existing trace there is deleted first. The directory is claimed
     * for this writer until {@link #close()}: a second writer is refused, not interleaved.
     *
     * @throws TraceException when the directory holds files and overwriting was not asked for,
     *                        holds something that is not a wdfrr trace, or another writer
     *                        is writing it
     */
    public static TraceWriter create(Path dir, boolean overwrite) {
        return create(dir, overwrite, DEFAULT_BLOCK_SIZE);
    }

    /** As {@link #create(Path, boolean)} with a chosen mapped chunk size (small for small sample traces). */
    public static TraceWriter create(Path dir, boolean overwrite, long blockSize) {
        boolean created = !Files.exists(dir);
        TraceWriter w = new TraceWriter(dir, blockSize, false, prepare(dir, overwrite));
        w.createdDirectory = created;
        return w;
    }

    /**
     * Creates a trace, as {@link #create(Path, boolean)}, for threads that write at the same time
     * without a common lock: each takes its numbers from {@link #nextSeq()} (or numbers events
     * itself, gapless overall and increasing within each thread) and appends to its own lane.
     */
    public static TraceWriter concurrent(Path dir, boolean overwrite) {
        return concurrent(dir, overwrite, DEFAULT_BLOCK_SIZE);
    }

    /** As {@link #concurrent(Path, boolean)} with a chosen mapped chunk size per lane. */
    public static TraceWriter concurrent(Path dir, boolean overwrite, long blockSize) {
        return concurrent(dir, overwrite, blockSize, TraceLimits.MAX_LANES);
    }

    /** With a lower lane limit than {@link TraceLimits#MAX_LANES}: for tests of the limit. */
    static TraceWriter concurrent(Path dir, boolean overwrite, long blockSize, int maxLanes) {
        boolean created = !Files.exists(dir);
        TraceWriter w = new TraceWriter(dir, blockSize, true, prepare(dir, overwrite));
        w.maxLanes = Math.min(maxLanes, TraceLimits.MAX_LANES);
        w.createdDirectory = created;
        return w;
    }

    /**
     * Claims the directory, then (holding the claim, so that nobody else can be doing the same)
     * checks that it is empty or, with {@code overwrite}, replaces the trace in it.
     */
    private static WriterLock prepare(Path dir, boolean overwrite) {
        TracePaths.checkOutput(dir);
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new TraceException(dir + " exists and is not a directory");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TraceException("cannot create trace directory " + dir + ": " + IoReasons.of(e), e);
        }
        WriterLock claim = WriterLock.claim(dir);
        try {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.allMatch(p -> p.getFileName().toString().equals(WriterLock.NAME));
            }
            if (!empty) {
                if (!overwrite) {
                    throw new TraceException(dir + " already holds files; choose another directory or pass --force to replace the trace there");
                }
                deleteTrace(dir);
            }
            return claim;
        } catch (IOException e) {
            claim.close();
            throw new TraceException("cannot create trace directory " + dir + ": " + IoReasons.of(e), e);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /**
     * Deletes a trace, its lanes included, keeping the claim's lock file. Refuses a directory
     * that holds anything but a trace's files, or whose files are not a wdfrr trace (Chronicle
     * queues of another application, files merely named like them).
     */
    private static void deleteTrace(Path dir) throws IOException {
        checkOnlyTraceFiles(dir, dir, true);
        try (TraceReader r = TraceReader.open(dir)) {
            r.header(); // opens: a wdfrr header in a Chronicle queue
        } catch (TraceException e) {
            throw new TraceException(dir + " does not hold a wdfrr trace (" + e.getMessage() + "): not replacing it", e);
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().equals(WriterLock.NAME)) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> inner = Files.list(p)) {
                        for (Path q : (Iterable<Path>) inner::iterator) {
                            Files.delete(q);
                        }
                    }
                }
                Files.delete(p);
            }
        }
    }

    private static void checkOnlyTraceFiles(Path trace, Path dir, boolean top) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                boolean ok = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        ? top && n.matches(Format.LANE_DIR_PREFIX + "\\d+")
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && (n.endsWith(".cq4") || n.endsWith(".cq4t") || n.endsWith(".precreated")
                        || top && (n.equals(WriterLock.NAME) || n.equals(REPLAY_ARGS)));
                if (!ok) {
                    throw new TraceException(trace + " holds " + trace.relativize(p) + ", which is not part of a trace: not replacing it");
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    checkOnlyTraceFiles(trace, p, false);
                }
            }
        }
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
        if (info.assertions()) {
            fields.put("assertions", "true");
        }
        if (info.callSites()) {
            fields.put("callSites", "true");
        }
        if (concurrent) {
            fields.put(Format.LANES_FIELD, Format.LANES_PER_THREAD);
        }
        info.parameters().forEach((k, v) -> fields.put("param." + k, v));
        main.writeExcerpt(HeaderCodec.encode(concurrent ? Format.MAJOR_LANES : Format.MAJOR, fields));
    }

    /**
     * Hands out the next sequence number, for callers that do not number events themselves: the
     * order of these calls is the trace's order. Thread-safe.
     */
    public long nextSeq() {
        return sequence.getAndIncrement(COUNTER_SLOT);
    }

    @Override
    public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
        appender().event(seq, time, type, thread, cpu, irql, object, related, arg);
    }

    @Override
    public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
        appender().textEvent(seq, time, EventType.NAME.id(), thread, id, kind.id(), text);
    }

    private BatchAppender appender() {
        if (!concurrent) {
            return main;
        }
        BatchAppender lane = laneOfThread.get();
        return lane != null ? lane : newLane();
    }

    private synchronized BatchAppender newLane() {
        if (closed) {
            throw new IllegalStateException("trace " + dir + " is closed");
        }
        int n = lanes.size();
        if (n >= maxLanes) {
            throw new TraceLimitException("trace " + dir + ": more than " + maxLanes
                    + " threads write it: beyond wdfrr's limit of lanes per trace");
        }
        BatchAppender lane = new BatchAppender(dir.resolve(Format.LANE_DIR_PREFIX + n), blockSize, true, "wdfrr-pretoucher-" + n);
        lanes.add(lane);
        laneOfThread.set(lane);
        return lane;
    }

    /** Where the trace is written. */
    public Path directory() {
        return dir;
    }

    /** Number of events (names included) written so far; exact once writers have stopped. */
    public synchronized long events() {
        long n = main.events();
        for (BatchAppender lane : lanes) {
            n += lane.events();
        }
        return n;
    }

    /**
     * Commits what is open, marks the trace complete and releases the files. With a concurrent
     * writer, call it once the writing threads are done: it releases their lanes' mappings,
     * and a thread still writing into one would write into unmapped memory.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Numbers handed out count too: one taken and never written is a hole the reader reports.
        long count = Math.max(main.nextSeq(), sequence.get(COUNTER_SLOT));
        boolean complete = !main.broken();
        for (BatchAppender lane : lanes) {
            lane.close(-1);
            count = Math.max(count, lane.nextSeq());
            complete &= !lane.broken();
        }
        // A lane that could not write leaves a hole: without the end mark the trace reads as truncated there.
        try {
            main.close(complete ? count : -1);
        } finally {
            claim.close();
        }
    }

    /**
     * Abandons the trace: closes it and deletes its files (its lock file too), and its directory
     * when this writer created it. For a run that never got going (a bad parameter), so that
     * nothing is left behind.
     *
     * @throws TraceException when the files cannot be deleted
     */
    public synchronized void discard() {
        close();
        try {
            checkOnlyTraceFiles(dir, dir, true);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        try (Stream<Path> inner = Files.list(p)) {
                            for (Path q : (Iterable<Path>) inner::iterator) {
                                Files.delete(q);
                            }
                        }
                    }
                    Files.delete(p);
                }
            }
            if (createdDirectory) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new TraceException("cannot delete the abandoned trace in " + dir + ": " + IoReasons.of(e), e);
        }
    }

    @Override
    public String toString() {
        return "trace " + dir;
    }
}
