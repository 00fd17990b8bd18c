package dev.wdfrr.viewer.internal.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds the request spans of a {@link TraceModel}: each I/O request from its request_create to
 * its request_complete, on a lane of the queue it was routed to, as the Perfetto export's
 * "requests of QUEUE" tracks do. A queue's requests overlap (they wait while another is
 * served), so each arrival takes its queue's first row with nothing pending, a new row while
 * fewer than {@link #MAX_ROWS} exist, else the row holding the fewest (drawn over each other
 * there). Constant work per event; one entry per request for its open span.
 */
final class RequestLanes {
    /** Rows a queue's requests take at most: more would crowd the thread lanes off the timeline. */
    static final int MAX_ROWS = 6;

    private final TraceModel model;
    /** Per queue: open requests per row. */
    private final Map<Integer, int[]> pending = new HashMap<>();
    /** Per request id: its open span id × 2³² + its index in its lane, or {@link #CLOSED}. */
    private final LongLongMap open = new LongLongMap();
    private static final long CLOSED = -1;

    RequestLanes(TraceModel model) {
        this.model = model;
    }

    /** A request arrived on {@code queue} (0: none) at {@code row}. */
    void created(int request, int queue, int row, long time) {
        long prior = open.get(request);
        if (prior != LongLongMap.MISSING && prior != CLOSED) {
            // the same id arriving again without its completion: end the earlier one just before
            close(prior, row, time, model.steps.step(row) - 1);
        }
        int[] rows = pending.computeIfAbsent(queue, q -> new int[MAX_ROWS]);
        int r = rowFor(rows);
        rows[r]++;
        Lane lane = model.lanes.forRequests(queue, r);
        int id = model.spans.add(SpanKind.REQUEST, lane.id(), row, request, -1);
        int index = lane.addSpan(time, model.steps.step(row), id);
        open.put(request, (long) id << 32 | index);
    }

    /** A request completed at {@code row}; a completion of no request seen arriving is left out. */
    void completed(int request, int row, long time) {
        long o = open.get(request);
        if (o != LongLongMap.MISSING && o != CLOSED) {
            close(o, row, time, model.steps.step(row));
            open.put(request, CLOSED);
        }
    }

    private void close(long o, int row, long time, long lastStep) {
        int id = (int) (o >>> 32);
        Lane lane = model.lanes.get(model.spans.lane(id));
        model.spans.close(id, row);
        lane.closeSpan((int) o, time, lastStep);
        pending.get(lane.queue())[lane.requestRow()]--;
    }

    /** The first row with nothing pending (rows are used in order, so a new one when all in use), else the least busy. */
    private static int rowFor(int[] rows) {
        int best = 0;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == 0) {
                return r;
            }
            if (rows[r] < rows[best]) {
                best = r;
            }
        }
        return best;
    }

    long allocatedBytes() {
        return open.allocatedBytes() + 32L * MAX_ROWS * pending.size();
    }
}
