package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The I/O requests of a Perfetto export: each an async slice named after its queue, from its
 * arrival to its completion (so a queue's requests share a track); its delivery and a cancel are
 * instants on the thread that made them ({@link ChromeTraceBuilder}). One small record per
 * request still open.
 */
final class RequestSlices {
    private final ChromeTraceWriter out;
    private final Names names;
    /** Requests open: id → {thread of the begin, queue}. */
    private final Map<Integer, int[]> open = new LinkedHashMap<>();

    RequestSlices(ChromeTraceWriter out, Names names) {
        this.out = out;
        this.names = names;
    }

    void accept(EventCursor c, long ts) {
        int r = c.object();
        switch (c.type()) {
            case REQUEST_CREATE -> {
                RequestType type = RequestType.ofId(c.arg() >>> 32);
                int queue = c.related();
                open.put(r, new int[] {c.thread(), queue});
                out.write(out.async('b', r, c.thread(), ts, track(queue), "request", new JsonArgs().put("request", names.object(r))
                        .put("type", type == null ? "?" : type.label()).put("length", c.arg() & 0xFFFFFFFFL).put("seq", c.seq())));
            }
            case REQUEST_COMPLETE -> {
                int[] o = open.remove(r);
                if (o != null) {
                    out.write(out.async('e', r, o[0], ts, track(o[1]), "request", new JsonArgs()
                            .put("status", NtStatus.describe(c.arg() & 0xFFFFFFFFL)).put("end_seq", c.seq())));
                }
            }
            default -> throw new IllegalArgumentException("not a request event: " + c.type());
        }
    }

    private String track(int queue) {
        return queue == 0 ? "requests (no queue)" : "requests of " + names.object(queue);
    }

    /** Ends the requests still open at the last timestamp; returns how many. */
    int closeAll(long ts) {
        int n = open.size();
        for (Map.Entry<Integer, int[]> e : open.entrySet()) {
            out.write(out.async('e', e.getKey(), e.getValue()[0], ts, track(e.getValue()[1]), "request",
                    new JsonArgs().put("unfinished", true)));
        }
        open.clear();
        return n;
    }

}
