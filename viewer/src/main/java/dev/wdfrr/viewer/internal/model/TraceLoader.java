package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads a whole trace into a {@link TraceModel} on the calling thread (a background thread in
 * the window, the caller's for headless charts), reporting progress and checking for
 * cancellation every {@value #CHECK_EVERY} events.
 */
public final class TraceLoader {
    /** How often the loop reports progress and looks at the cancel flag. */
    static final int CHECK_EVERY = 1 << 16;
    /** Trace bytes per event, roughly, for a progress estimate from the file size. */
    private static final double BYTES_PER_EVENT = 14;

    /** Receives progress: events read so far and an estimated fraction done (0..1). */
    @FunctionalInterface
    public interface Progress {
        void update(long events, double fraction);

        Progress NONE = (events, fraction) -> { };
    }

    /** How the trace is read: to its end (a dead writer's last batch recovered), or followed while it grows. */
    public enum Mode {
        READ,
        FOLLOW
    }

    /**
     * A loaded model; in {@link Mode#FOLLOW}, a {@link Follower} positioned after the last event
     * read, which owns the still open reader.
     */
    public record Loaded(TraceModel model, Follower follower) {
    }

    private TraceLoader() {
    }

    /** Reads {@code dir} to its current end. {@link dev.wdfrr.tracer.TraceException}s propagate. */
    public static TraceModel read(Path dir) {
        return load(dir, Mode.READ, Progress.NONE, new Cancellation()).model();
    }

    /**
     * Reads {@code dir} to its current end.
     *
     * @throws LoadCancelledException when cancelled (the reader is closed)
     */
    public static Loaded load(Path dir, Mode mode, Progress progress, Cancellation cancel) {
        double expected = Math.max(1, estimateEvents(dir));
        TraceReader reader = TraceReader.open(dir);
        boolean handedOver = false;
        try {
            reader.recoverTail(mode == Mode.READ);
            ModelBuilder builder = new ModelBuilder(new TraceModel(dir, reader.header(), reader.names()));
            long n = readAll(reader, builder, progress, cancel, expected);
            progress.update(n, 1);
            if (mode == Mode.READ) {
                builder.caughtUp(!reader.truncated(), reader.truncationNote().orElse(null));
                return new Loaded(builder.model(), null);
            }
            Follower follower = new Follower(reader, builder);
            handedOver = true;
            follower.caughtUp();
            return new Loaded(builder.model(), follower);
        } finally {
            if (!handedOver) {
                reader.close();
            }
        }
    }

    /**
     * Decodes events and stores their columns on this thread while a {@link TrackerThread}
     * builds spans and latency from them: on two cores a load takes about half as long.
     */
    private static long readAll(TraceReader reader, ModelBuilder builder, Progress progress, Cancellation cancel,
                                double expected) {
        TrackerThread tracker = new TrackerThread(builder, "wdfrr-viewer-track " + reader.directory().getFileName());
        tracker.start();
        EventColumns columns = builder.model().events;
        EventCursor c = new EventCursor();
        long n = 0;
        try {
            TrackerThread.Batch batch = tracker.emptyBatch();
            while (reader.next(c)) {
                columns.add(c);
                batch.add(c);
                if (batch.full()) {
                    tracker.send(batch);
                    batch = tracker.emptyBatch();
                }
                if (++n % CHECK_EVERY == 0) {
                    if (cancel.cancelled()) {
                        throw new LoadCancelledException("loading " + reader.directory() + " was cancelled after " + n + " events");
                    }
                    progress.update(n, Math.min(0.99, n / expected));
                }
            }
            tracker.send(batch);
        } finally {
            tracker.finish();
        }
        return n;
    }

    /**
     * Whether {@code dir} holds a trace that can be opened: its writer has created it and written
     * its header. For following a recording that is about to start; cheap while there is nothing.
     */
    public static boolean present(Path dir) {
        if (!Files.isDirectory(dir) || estimateEvents(dir) <= 0) {
            return false;
        }
        try {
            TraceReader.open(dir).close();
            return true;
        } catch (dev.wdfrr.tracer.TraceException notYet) {
            return false; // created but its header not written yet: keep waiting
        }
    }

    /** Events the trace's files could hold: the size of its queue files (lanes included) over the typical event size. */
    static double estimateEvents(Path dir) {
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cq4")).mapToLong(TraceLoader::size).sum()
                    / BYTES_PER_EVENT;
        } catch (IOException e) {
            return 1;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
