package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceReader;

/**
 * Keeps a model up to date with a trace that is still being written. Each {@link #poll} reads
 * what the writer has committed since the last one, at most a bounded number of events so a
 * poll on the event thread stays short; the caller polls again later (a Swing timer), never in
 * a spin. Once the trace's end mark is read the follower is {@link #finished()} and has
 * closed its reader.
 */
public final class Follower implements AutoCloseable {
    private final TraceReader reader;
    private final ModelBuilder builder;
    private final EventCursor cursor = new EventCursor();
    private boolean finished;

    Follower(TraceReader reader, ModelBuilder builder) {
        this.reader = reader;
        this.builder = builder;
    }

    public TraceModel model() {
        return builder.model();
    }

    /**
     * Reads up to {@code max} new events into the model.
     *
     * @return the number read; 0 when the writer has committed nothing new
     */
    public int poll(int max) {
        if (finished) {
            return 0;
        }
        int n = 0;
        while (n < max && reader.next(cursor)) {
            builder.accept(cursor);
            n++;
        }
        if (n < max) {
            caughtUp();
        } else {
            builder.model().latency.updateUnmatched();
        }
        return n;
    }

    /** Called when the reader has nothing more for now: finishes if the end mark has been read. */
    void caughtUp() {
        boolean complete = !reader.truncated();
        builder.caughtUp(complete, null);
        if (complete) {
            close();
        }
    }

    /**
     * Stops following a trace whose writer is gone: reads the batch it left open (as a normal
     * open does), marks the model truncated and closes the reader.
     */
    public void stop() {
        if (finished) {
            return;
        }
        reader.recoverTail(true);
        while (reader.next(cursor)) {
            builder.accept(cursor);
        }
        builder.caughtUp(!reader.truncated(), reader.truncationNote().orElse(null));
        close();
    }

    /** True once the end mark was read, or after {@link #stop()} or {@link #close()}. */
    public boolean finished() {
        return finished;
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            reader.close();
        }
    }
}
