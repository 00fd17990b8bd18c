package dev.wdfrr.viewer.internal.model;

/**
 * The spans of one lane along one {@link Axis}: start positions (non-decreasing, in span order)
 * and lengths (-1 while open), with an {@link ArgmaxPyramid} over the lengths. That is all the
 * level-of-detail index ({@link LaneBins}) needs; a lane keeps one track per axis.
 */
public final class LaneTrack {
    private final LongChunks start = new LongChunks();
    private final LongChunks length = new LongChunks();
    private final ArgmaxPyramid longest = new ArgmaxPyramid(length);

    /** Appends an open span; starts are kept non-decreasing. Returns its index. */
    int add(long position) {
        int n = start.size();
        start.add(n > 0 ? Math.max(position, start.get(n - 1)) : position);
        length.add(-1);
        longest.appended(n);
        return n;
    }

    void close(int index, long end) {
        length.set(index, Math.max(0, end - start.get(index)));
        longest.raised(index);
    }

    public int spanCount() {
        return start.size();
    }

    public long start(int index) {
        return start.get(index);
    }

    /** Length along the axis (ns, or steps), or -1 while the span is open. */
    public long length(int index) {
        return length.get(index);
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
        return i >= 0 && length.get(i) >= 0 ? i : -1;
    }

    long allocatedBytes() {
        return start.allocatedBytes() + length.allocatedBytes() + longest.allocatedBytes();
    }
}
