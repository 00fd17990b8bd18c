package dev.wdfrr.viewer.internal.model;

/**
 * Level of detail for one lane: the spans of a range of its {@link LaneTrack} (time or steps)
 * summarised into {@code n} equal bins (one per pixel column), each with the exact number of
 * spans that start in it and the longest of them. A bin costs two binary searches and one
 * range-maximum query, so a frame costs the same whether the range holds ten spans or ten million.
 *
 * <p>Bin {@code i} covers starts in {@code [from + i·width, from + (i+1)·width)}.
 */
public final class LaneBins {
    private final LaneTrack lane;
    private final int[] bounds;
    private final int[] longest;

    private LaneBins(LaneTrack lane, int[] bounds, int[] longest) {
        this.lane = lane;
        this.bounds = bounds;
        this.longest = longest;
    }

    /** Summarises {@code lane} over {@code n} bins of {@code width} (ns or steps) from {@code from}. */
    public static LaneBins of(LaneTrack lane, double from, double width, int n) {
        if (n < 0 || !(width > 0)) {
            throw new IllegalArgumentException("need n >= 0 bins of positive width, got " + n + " of " + width);
        }
        int[] bounds = new int[n + 1];
        int lo = lane.firstStartingAtOrAfter(from);
        bounds[0] = lo;
        for (int i = 1; i <= n; i++) {
            lo = lane.lowerBound(from + i * width, lo, lane.spanCount());
            bounds[i] = lo;
        }
        int[] longest = new int[n];
        for (int i = 0; i < n; i++) {
            longest[i] = bounds[i] == bounds[i + 1] ? -1 : lane.longest(bounds[i], bounds[i + 1]);
        }
        return new LaneBins(lane, bounds, longest);
    }

    public int size() {
        return longest.length;
    }

    /** Spans starting in bin {@code i}. */
    public int count(int i) {
        return bounds[i + 1] - bounds[i];
    }

    /** Lane index of the longest closed span starting in bin {@code i} (lowest index on ties), or -1. */
    public int longest(int i) {
        return longest[i];
    }

    /** The longest closed length starting in bin {@code i}, or -1 when none. */
    public long maxLength(int i) {
        return longest[i] < 0 ? -1 : lane.length(longest[i]);
    }

    /** Lane index of the first span starting in bin {@code i} (the next bin's first when empty). */
    public int first(int i) {
        return bounds[i];
    }

    /** Lane index of the last span that starts before the range: it may still be running into it; -1 when none. */
    public int before() {
        return bounds[0] - 1;
    }

    /** Lane index of the first span starting after the range. */
    public int after() {
        return bounds[bounds.length - 1];
    }
}
