package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceLimits;

import java.util.ArrayDeque;
import java.util.Collection;
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

    private final Map<Integer, ArrayDeque<Link>> toDpc = new HashMap<>();
    private final Map<Integer, ArrayDeque<Link>> toCallback = new HashMap<>();
    private final Set<Integer> queued = new HashSet<>();

    void dpcQueued(int interrupt, SliceTracks.Slice from, long ts) {
        if (from != null) {
            add(toDpc.computeIfAbsent(interrupt, k -> new ArrayDeque<>(2)), new Link(from, ts));
        }
    }

    /** The links the interrupt's DPC, starting now, ends. */
    Collection<Link> dpcStarted(int interrupt) {
        ArrayDeque<Link> l = toDpc.remove(interrupt);
        return l == null ? List.of() : l;
    }

    /** Keeps the newest {@link TraceLimits#MAX_WAITING} links per target: an arrow whose target never starts is not drawn anyway. */
    private static void add(ArrayDeque<Link> links, Link l) {
        if (links.size() >= TraceLimits.MAX_WAITING) {
            links.pollFirst();
        }
        links.addLast(l);
    }

    void enqueued(int item, boolean queuedNow, SliceTracks.Slice from, long ts) {
        if (queuedNow) {
            queued.add(item);
        }
        if (from != null && queued.contains(item)) {
            add(toCallback.computeIfAbsent(item, k -> new ArrayDeque<>(2)), new Link(from, ts));
        }
    }

    /** The links the item's callback, starting now, ends. */
    Collection<Link> callbackStarted(int item) {
        queued.remove(item);
        ArrayDeque<Link> l = toCallback.remove(item);
        return l == null ? List.of() : l;
    }
}
