package dev.wdfrr.viewer.internal.model;

/**
 * One row of the timeline: the spans and marks of one logical thread. Spans are kept in start
 * order (a thread runs one ISR, DPC or callback at a time) with their global span ids, and
 * placed along each {@link Axis} by a {@link LaneTrack}; marks are event rows per
 * {@link MarkKind}. That is all the level-of-detail index needs.
 */
public final class Lane {
    private final int id;
    private final int thread;
    private final LaneTrack time = new LaneTrack();
    private final LaneTrack steps = new LaneTrack();
    private final IntChunks spanIds = new IntChunks();
    private final IntChunks[] marks = new IntChunks[MarkKind.values().length];

    Lane(int id, int thread) {
        this.id = id;
        this.thread = thread;
        for (int k = 0; k < marks.length; k++) {
            marks[k] = new IntChunks();
        }
    }

    /** Index of the lane in creation order (stable while following). */
    public int id() {
        return id;
    }

    public int thread() {
        return thread;
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
