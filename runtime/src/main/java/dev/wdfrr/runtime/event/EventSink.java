package dev.wdfrr.runtime.event;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.RunInfo;

/**
 * Where the runtime reports events: one narrow interface with primitive arguments so that an
 * implementation can record without allocating. Calls arrive in sequence-number order, one at
 * a time (the runtime serializes them), with gapless sequence numbers starting at 0.
 *
 * <p>The runtime never depends on a trace format: the tracer module implements this interface.
 */
public interface EventSink extends AutoCloseable {

    /** Called once before any event, with what a trace header needs. */
    default void begin(RunInfo info) {
    }

    /**
     * One event.
     *
     * @param seq     global sequence number (the total order), gapless from 0
     * @param time    nanoseconds since the run started (virtual under the deterministic engine)
     * @param type    {@link EventType#id()}
     * @param thread  logical thread id (named by an earlier {@link #name} call)
     * @param cpu     CPU the thread runs on, or -1 for workers, the device and scenario threads
     * @param irql    {@link Irql#ordinal()} of the thread when it made the event
     * @param object  object id, or 0
     * @param related related object or string id, or 0
     * @param arg     type-specific argument (see {@link EventType})
     */
    void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg);

    /**
     * A name event: gives {@code id} of the given kind its text. Names are reported once, before
     * the first event that refers to them. It takes a sequence number like any event.
     */
    void name(long seq, long time, int thread, NameKind kind, int id, String text);

    /** Called once after the last event; flush and release resources. Must not throw checked exceptions. */
    @Override
    default void close() {
    }

    /** A sink that drops everything. */
    static EventSink discard() {
        return new EventSink() {
            @Override
            public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
            }

            @Override
            public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
            }
        };
    }

    /** A sink that forwards every call to both sinks, {@code first} first. */
    static EventSink tee(EventSink first, EventSink second) {
        return new EventSink() {
            @Override
            public void begin(RunInfo info) {
                first.begin(info);
                second.begin(info);
            }

            @Override
            public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
                first.event(seq, time, type, thread, cpu, irql, object, related, arg);
                second.event(seq, time, type, thread, cpu, irql, object, related, arg);
            }

            @Override
            public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
                first.name(seq, time, thread, kind, id, text);
                second.name(seq, time, thread, kind, id, text);
            }

            @Override
            public void close() {
                try {
                    first.close();
                } finally {
                    second.close();
                }
            }
        };
    }
}
