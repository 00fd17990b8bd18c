package dev.wdfrr.tracer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The links of a request's path, as {@link dev.wdfrr.tracer.SpanBuilder} follows it: a queue-DPC
 * call (queued or coalesced) leads to the next start of that interrupt's DPC; an enqueue that
 * queued the item, or that coalesced into a pending one, leads to the item's next callback start.
 * A link starts inside the slice the call was made from (an ISR, a DPC, or also a callback
 * re-enqueueing); a call made outside any slice (the scenario's main thread) has nothing for an
 * arrow to start from and is not linked.
 */
final class FlowChain {
    /** Where an arrow starts: inside slice {@code from} at time {@code ts}. */
    record Link(SliceTracks.Slice from, long ts) {
    }

    private final Map<Integer, List<Link>> toDpc = new HashMap<>();
    private final Map<Integer, List<Link>> toCallback = new HashMap<>();
    private final Set<Integer> queued = new HashSet<>();

    void dpcQueued(int interrupt, SliceTracks.Slice from, long ts) {
        if (from != null) {
            toDpc.computeIfAbsent(interrupt, k -> new ArrayList<>(2)).add(new Link(from, ts));
        }
    }

    /** The links the interrupt's DPC, starting now, ends. */
    List<Link> dpcStarted(int interrupt) {
        List<Link> l = toDpc.remove(interrupt);
        return l == null ? List.of() : l;
    }

    void enqueued(int item, boolean queuedNow, SliceTracks.Slice from, long ts) {
        if (queuedNow) {
            queued.add(item);
        }
        if (from != null && queued.contains(item)) {
            toCallback.computeIfAbsent(item, k -> new ArrayList<>(2)).add(new Link(from, ts));
        }
    }

    /** The links the item's callback, starting now, ends. */
    List<Link> callbackStarted(int item) {
        queued.remove(item);
        List<Link> l = toCallback.remove(item);
        return l == null ? List.of() : l;
    }
}
