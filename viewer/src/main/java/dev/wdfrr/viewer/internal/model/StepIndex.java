package dev.wdfrr.viewer.internal.model;

/**
 * Event rows as steps: the step of a row counts the events before it that are not annotations
 * (a name defines an id, a call site says where the next event was called from: neither
 * happens by itself), so the step axis has one column per event that did. Only the annotation
 * rows are stored — few in most traces — and both directions are binary searches.
 */
public final class StepIndex {
    private final IntChunks nameRows = new IntChunks();
    private int rows;

    /** Notes the next row, in order; {@code annotation} when it is a name or call site. */
    void add(int row, boolean annotation) {
        if (annotation) {
            nameRows.add(row);
        }
        rows = row + 1;
    }

    /** The step of {@code row}: its column on the step axis (a name row shares the next event's). */
    public int step(int row) {
        return row - namesBefore(row);
    }

    /** Steps so far: events that are not names. */
    public int count() {
        return rows - nameRows.size();
    }

    /** The row of the event at {@code step} (clamped to the steps there are), or -1 when there is none. */
    public int row(int step) {
        if (count() == 0) {
            return -1;
        }
        int s = Math.max(0, Math.min(step, count() - 1));
        int lo = s;
        int hi = s + nameRows.size();
        while (lo < hi) { // the first row whose step is s and that is not a name
            int mid = lo + hi >>> 1;
            if (mid - namesBefore(mid + 1) + 1 <= s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int namesBefore(int row) {
        int lo = 0;
        int hi = nameRows.size();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (nameRows.get(mid) < row) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long allocatedBytes() {
        return nameRows.allocatedBytes();
    }
}
