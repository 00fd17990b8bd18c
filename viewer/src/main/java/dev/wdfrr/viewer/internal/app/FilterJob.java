package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.viewer.internal.model.IntChunks;
import dev.wdfrr.viewer.internal.model.TraceModel;

import javax.swing.Timer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Applies a filter to every event on the Swing thread, in slices of a few milliseconds driven
 * by a timer, so the window stays responsive on ten million rows and the model is never read
 * from another thread (it may be growing). Cancelled by {@link #cancel()} or by starting the
 * next job.
 */
final class FilterJob {
    /** Work per slice before yielding to the event queue. */
    static final long SLICE_NANOS = 12_000_000;

    private final TraceModel model;
    private final EventFilter.Matcher matcher;
    private final IntChunks kept = new IntChunks();
    private final Consumer<IntChunks> done;
    private final IntConsumer progress;
    private final Timer timer;
    private final int end;
    private int next;

    FilterJob(TraceModel model, EventFilter filter, IntConsumer progressPercent, Consumer<IntChunks> done) {
        this.model = model;
        this.matcher = filter.matcher(model);
        this.done = done;
        this.progress = progressPercent;
        this.end = model.eventCount();
        this.timer = new Timer(1, e -> slice());
    }

    void start() {
        timer.start();
    }

    void cancel() {
        timer.stop();
    }

    /** Runs the whole job now (small traces, tests). */
    void runNow() {
        while (next < end) {
            step(end);
        }
        done.accept(kept);
    }

    private void slice() {
        long deadline = System.nanoTime() + SLICE_NANOS;
        while (next < end && System.nanoTime() < deadline) {
            step(Math.min(end, next + 4096));
        }
        if (next < end) {
            progress.accept((int) (100L * next / end));
            return;
        }
        timer.stop();
        done.accept(kept);
    }

    private void step(int to) {
        for (; next < to; next++) {
            if (matcher.matches(next)) {
                kept.add(next);
            }
        }
    }

    /** The matcher, for rows appended after the job's end. */
    EventFilter.Matcher matcher() {
        return matcher;
    }

    /** One past the last row the job covers. */
    int end() {
        return end;
    }
}
