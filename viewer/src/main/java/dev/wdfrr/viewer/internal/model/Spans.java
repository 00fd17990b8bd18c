package dev.wdfrr.viewer.internal.model;

/**
 * Every span of a trace by id, in the order they started: the rows of its start and end events
 * (end -1 while open), the object (interrupt or work item), its lane and kind, and the links
 * of its request chain: {@code cause} is the row of the event that made it run (the interrupt
 * for an ISR, the queuing DPC_QUEUE for a DPC, the queuing ENQUEUE for a callback; -1 for a
 * request or a driver callback) and
 * {@code next} the first span it made run (-1 for none), and {@code parent} the span it
 * started inside on its lane (a driver callback's DPC; -1 for none). 28 bytes per span.
 */
public final class Spans {
    private final EventColumns events;
    private final IntChunks startRow = new IntChunks();
    private final IntChunks endRow = new IntChunks();
    private final IntChunks object = new IntChunks();
    private final IntChunks cause = new IntChunks();
    private final IntChunks next = new IntChunks();
    private final IntChunks laneKind = new IntChunks();
    private final IntChunks parent = new IntChunks();

    Spans(EventColumns events) {
        this.events = events;
    }

    int add(SpanKind kind, int lane, int startRow, int object, int cause) {
        this.startRow.add(startRow);
        this.endRow.add(-1);
        this.object.add(object);
        this.cause.add(cause);
        this.next.add(-1);
        this.parent.add(-1);
        return laneKind.add(lane << SpanKind.BITS | kind.ordinal());
    }

    /** Notes the span {@code id} started inside (a DPC a driver callback ran in). */
    void setParent(int id, int parentId) {
        parent.set(id, parentId);
    }

    /** The span on the same lane this one started inside, or -1. */
    public int parent(int id) {
        return parent.get(id);
    }

    void close(int id, int endRow) {
        this.endRow.set(id, endRow);
    }

    /** Links a span to the first span it made run; later ones do not replace it. */
    void linkNext(int id, int nextId) {
        if (next.get(id) < 0) {
            next.set(id, nextId);
        }
    }

    public int count() {
        return startRow.size();
    }

    public int startRow(int id) {
        return startRow.get(id);
    }

    /** Row of the end event, or -1 while the span is open. */
    public int endRow(int id) {
        return endRow.get(id);
    }

    public int object(int id) {
        return object.get(id);
    }

    /** Row of the event that made this span run, or -1 when not known. */
    public int cause(int id) {
        return cause.get(id);
    }

    /** The first span this one made run, or -1. */
    public int next(int id) {
        return next.get(id);
    }

    /** {@link Lane#id()} of the span's lane. */
    public int lane(int id) {
        return laneKind.get(id) >>> SpanKind.BITS;
    }

    public SpanKind kind(int id) {
        return SpanKind.ofOrdinal(laneKind.get(id) & (1 << SpanKind.BITS) - 1);
    }

    public long startTime(int id) {
        return events.time(startRow(id));
    }

    /** End time, or {@code openEnd} while the span is open. */
    public long endTime(int id, long openEnd) {
        int e = endRow(id);
        return e < 0 ? Math.max(openEnd, startTime(id)) : events.time(e);
    }

    long allocatedBytes() {
        return startRow.allocatedBytes() + endRow.allocatedBytes() + object.allocatedBytes() + cause.allocatedBytes()
                + next.allocatedBytes() + laneKind.allocatedBytes() + parent.allocatedBytes();
    }
}
