package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.Irql;

/**
 * One event as the reader decodes it, reused for every event: iterating a large trace through
 * a cursor allocates nothing. {@link #toEvent} makes a typed record when one is wanted.
 */
public final class EventCursor {
    long seq;
    long time;
    int typeId;
    int thread;
    int cpu;
    int irql;
    int object;
    int related;
    long arg;
    String text;

    public long seq() {
        return seq;
    }

    /** Nanoseconds since the run started. */
    public long time() {
        return time;
    }

    /** The stable type id, also for types this reader does not know. */
    public int typeId() {
        return typeId;
    }

    /** The type, or null for an id this version does not know. */
    public EventType type() {
        return EventType.ofId(typeId);
    }

    public int thread() {
        return thread;
    }

    public int cpu() {
        return cpu;
    }

    public int irqlOrdinal() {
        return irql;
    }

    public Irql irql() {
        return irql >= 0 && irql < Irql.values().length ? Irql.ofOrdinal(irql) : Irql.PASSIVE;
    }

    public int object() {
        return object;
    }

    public int related() {
        return related;
    }

    public long arg() {
        return arg;
    }

    /** The text of a name event, else null. */
    public String text() {
        return text;
    }

    /** A typed record of this event, names resolved through {@code names}. */
    public TraceEvent toEvent(Names names) {
        return TraceEventDecoder.of(this, names);
    }

    /** The runtime's flat form of this event (as a {@link dev.wdfrr.runtime.event.MemorySink} records it). */
    public Event toRuntimeEvent() {
        return new Event(seq, time, type(), thread, cpu, irql, object, related, arg, text);
    }

    /** A copy of this cursor's current event. */
    public EventCursor copy() {
        EventCursor c = new EventCursor();
        c.copyFrom(this);
        return c;
    }

    /** Sets every field; for building events outside the reader (replays, tests). */
    public EventCursor set(long seq, long time, int typeId, int thread, int cpu, int irql, int object, int related,
                           long arg, String text) {
        this.seq = seq;
        this.time = time;
        this.typeId = typeId;
        this.thread = thread;
        this.cpu = cpu;
        this.irql = irql;
        this.object = object;
        this.related = related;
        this.arg = arg;
        this.text = text;
        return this;
    }

    /** True when both are the same event, timestamps compared only if {@code withTime}. */
    public boolean sameAs(EventCursor o, boolean withTime) {
        return seq == o.seq && typeId == o.typeId && thread == o.thread && cpu == o.cpu && irql == o.irql
                && object == o.object && related == o.related && arg == o.arg && (!withTime || time == o.time)
                && java.util.Objects.equals(text, o.text);
    }

    public void copyFrom(EventCursor o) {
        seq = o.seq;
        time = o.time;
        typeId = o.typeId;
        thread = o.thread;
        cpu = o.cpu;
        irql = o.irql;
        object = o.object;
        related = o.related;
        arg = o.arg;
        text = o.text;
    }
}
