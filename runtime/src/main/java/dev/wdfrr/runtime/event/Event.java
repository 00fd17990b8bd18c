package dev.wdfrr.runtime.event;

/**
 * One event as a plain value: what an {@link EventSink} receives, in one record. Name events
 * have type {@link EventType#NAME}, {@code object} = the named id, {@code related} = the
 * {@link NameKind} id and {@code text} set; other events have a null text.
 */
public record Event(long seq, long time, EventType type, int thread, int cpu, int irql,
                    int object, int related, long arg, String text) {

    /** True when both events are the same apart from their timestamps. */
    public boolean sameExceptTime(Event other) {
        return seq == other.seq && type == other.type && thread == other.thread && cpu == other.cpu
                && irql == other.irql && object == other.object && related == other.related
                && arg == other.arg && java.util.Objects.equals(text, other.text);
    }
}
