package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceLimitException;
import dev.wdfrr.tracer.TraceLimits;

import java.util.ArrayList;

/**
 * What one logical thread is running: a stack of frames (an ISR, a DPC or a work-item callback
 * instance) opened by their start events and closed by their end events.
 */
final class ThreadFrames {
    enum Kind { ISR, DPC, CALLBACK }

    /** A running ISR, DPC or callback instance (instance 0 for ISR and DPC). */
    record Frame(Kind kind, int object, long instance, long startTime, long startSeq) {
    }

    final int thread;
    private final ArrayList<Frame> frames = new ArrayList<>(2);

    ThreadFrames(int thread) {
        this.thread = thread;
    }

    /**
     * Opens a frame.
     *
     * @throws TraceLimitException beyond {@link TraceLimits#MAX_OPEN_FRAMES} open frames
     */
    void push(Frame f) {
        if (frames.size() >= TraceLimits.MAX_OPEN_FRAMES) {
            throw new TraceLimitException("more than " + TraceLimits.MAX_OPEN_FRAMES + " ISR, DPC and callback frames open at once on thread "
                    + thread + " at event " + f.startSeq() + ": beyond wdfrr's limit (a real run nests a few)");
        }
        frames.add(f);
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    /**
     * Closes the innermost frame matching the end event, dropping any frames opened inside it
     * whose ends never came; null when none matches (the trace was read from the middle).
     */
    Frame pop(Kind kind, int object, long instance) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Frame f = frames.get(i);
            if (f.kind() == kind && f.object() == object && f.instance() == instance) {
                while (frames.size() > i) {
                    frames.remove(frames.size() - 1);
                }
                return f;
            }
        }
        return null;
    }

    /** The innermost callback instance of {@code item} this thread is running, or null. */
    Frame callbackOf(int item) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Frame f = frames.get(i);
            if (f.kind() == Kind.CALLBACK && f.object() == item) {
                return f;
            }
        }
        return null;
    }

    /** Callback frames, innermost last. */
    Iterable<Frame> frames() {
        return frames;
    }
}
