package dev.wdfrr.viewer.internal.model;

/**
 * One row of the timeline: the spans and marks of one logical thread, or one row of the
 * requests of an I/O queue ({@link #isRequests()}: requests overlap, so a queue's requests are
 * packed into as many rows as were pending at once, up to {@link RequestLanes#MAX_ROWS}). Spans
 * are kept in start order (a thread runs one ISR, DPC or callback at a time, a driver callback
 * may run inside one of them; a queue's requests arrive one after another) with their global span ids, and
 * placed along each {@link Axis} by a {@link LaneTrack}; marks are event rows per
 * {@link MarkKind}. That is all the level-of-detail index needs.
 */
public final class Lane {
    private final int id;
    private final int thread;
    private final int queue;
    private final int requestRow;
    private final LaneTrack time = new LaneTrack();
    private final LaneTrack steps = new LaneTrack();
    private final IntChunks spanIds = new IntChunks();
    private final IntChunks[] marks = new IntChunks[MarkKind.values().length];

    Lane(int id, int thread) {
        this(id, thread, -1, -1);
    }

    private Lane(int id, int thread, int queue, int requestRow) {
        this.id = id;
        this.thread = thread;
        this.queue = queue;
        this.requestRow = requestRow;
        for (int k = 0; k < marks.length; k++) {
            marks[k] = new IntChunks();
        }
    }

    /** Index of the lane in creation order (stable while following). */
    public int id() {
        return id;
    }

    /** A lane for row {@code row} of the requests of queue {@code queue} (0: requests no queue took). */
    static Lane ofRequests(int id, int queue, int row) {
        return new Lane(id, -1, queue, row);
    }

    /** The thread whose lane this is; -1 for a lane of requests. */
    public int thread() {
        return thread;
    }

    /** Whether this lane shows the requests of an I/O queue rather than what a thread ran. */
    public boolean isRequests() {
        return queue >= 0;
    }

    /** The queue whose requests this lane shows (0: none took them), or -1 for a thread's lane. */
    public int queue() {
        return queue;
    }

    /** Which of its queue's request rows this lane is (0 the first), or -1 for a thread's lane. */
    public int requestRow() {
        return requestRow;
    }

    /** What the lane's label says: the thread's name, or "requests of QUEUE" on a queue's first row ("" on the others). */
    public String label(dev.wdfrr.tracer.Names names) {
        if (!isRequests()) {
            return names.thread(thread);
        }
        if (requestRow > 0) {
            return "";
        }
        return queue == 0 ? "requests (no queue)" : "requests of " + names.object(queue);
    }

    /** Appends an open span starting at {@code startTime} and step {@code startStep}. Returns its index in the lane. */
    int addSpan(long startTime, long startStep, int spanId) {
        time.add(startTime);
        steps.add(startStep);
        return spanIds.add(spanId);
    }

    /** Closes span {@code index} at {@code endTime}; it covers steps up to and including {@code endStep}. */
    void closeSpan(int index, long endTime, long endStep) {
        time.close(index, endTime);
        steps.close(index, endStep + 1);
    }

    void addMark(MarkKind kind, int row) {
        marks[kind.ordinal()].add(row);
    }

    public int spanCount() {
        return spanIds.size();
    }

    /** Where the lane's spans lie along {@code axis}. */
    public LaneTrack track(Axis axis) {
        return axis == Axis.TIME ? time : steps;
    }

    /** The global span id of the lane's {@code index}-th span. */
    public int spanId(int index) {
        return spanIds.get(index);
    }

    /** Event rows of one kind of mark, in order. */
    public IntChunks marks(MarkKind kind) {
        return marks[kind.ordinal()];
    }

    long allocatedBytes() {
        long n = time.allocatedBytes() + steps.allocatedBytes() + spanIds.allocatedBytes();
        for (IntChunks m : marks) {
            n += m.allocatedBytes();
        }
        return n;
    }
}
