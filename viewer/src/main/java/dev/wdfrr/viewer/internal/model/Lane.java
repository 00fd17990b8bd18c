package dev.wdfrr.viewer.internal.model;

/**
 * One row of the timeline: the spans and marks of one logical thread. Spans are kept in start
 * order (a thread runs one ISR, DPC or callback at a time) as columns of start time, duration
 * (-1 while open) and span id, with an {@link ArgmaxPyramid} over the durations; marks are
 * event rows per {@link MarkKind}. That is all the level-of-detail index needs.
 */
public final class Lane {
    private final int id;
    private final int thread;
    private final LongChunks start = new LongChunks();
    private final LongChunks duration = new LongChunks();
    private final IntChunks spanIds = new IntChunks();
    private final ArgmaxPyramid longest = new ArgmaxPyramid(duration);
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

    /** Appends an open span; start times are kept non-decreasing. Returns its index in the lane. */
    int addSpan(long startTime, int spanId) {
        int n = start.size();
        start.add(n > 0 ? Math.max(startTime, start.get(n - 1)) : startTime);
        duration.add(-1);
        spanIds.add(spanId);
        longest.appended(n);
        return n;
    }

    void closeSpan(int index, long endTime) {
        duration.set(index, Math.max(0, endTime - start.get(index)));
        longest.raised(index);
    }

    void addMark(MarkKind kind, int row) {
        marks[kind.ordinal()].add(row);
    }

    public int spanCount() {
        return start.size();
    }

    public long start(int index) {
        return start.get(index);
    }

    /** Duration in ns, or -1 while the span is open. */
    public long duration(int index) {
        return duration.get(index);
    }

    /** The global span id of the lane's {@code index}-th span. */
    public int spanId(int index) {
        return spanIds.get(index);
    }

    /** Index of the first span starting at or after {@code t} (the span count when none does). */
    public int firstStartingAtOrAfter(double t) {
        return lowerBound(t, 0, start.size());
    }

    int lowerBound(double t, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (start.get(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the longest closed span among indices {@code [from, to)}, or -1 when none. */
    public int longest(int from, int to) {
        int i = longest.argmax(from, to);
        return i >= 0 && duration.get(i) >= 0 ? i : -1;
    }

    /** Event rows of one kind of mark, in order. */
    public IntChunks marks(MarkKind kind) {
        return marks[kind.ordinal()];
    }

    long allocatedBytes() {
        long n = start.allocatedBytes() + duration.allocatedBytes() + spanIds.allocatedBytes() + longest.allocatedBytes();
        for (IntChunks m : marks) {
            n += m.allocatedBytes();
        }
        return n;
    }
}
