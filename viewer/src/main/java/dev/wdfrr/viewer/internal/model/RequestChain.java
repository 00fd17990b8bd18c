package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The path of one request through the trace, around a selected span: interrupt → ISR →
 * DPC_QUEUE → DPC → ENQUEUE → callback start → end. Built from the {@link Spans} links: up
 * from the span through the events that caused it, and down through the spans it made run,
 * until a callback ends the chain.
 *
 * @param steps in time order; a step is an event (a span's cause) or a span
 */
public record RequestChain(List<Step> steps) {
    /** Longest chain followed; a callback that re-enqueues itself would otherwise go on. */
    private static final int MAX_STEPS = 24;

    /**
     * One step.
     *
     * @param span the span, or -1 for an event step
     * @param row  the event's row, or the span's start row
     */
    public record Step(int span, int row) {
        public boolean isSpan() {
            return span >= 0;
        }
    }

    public RequestChain {
        steps = List.copyOf(steps);
    }

    /** The chain through {@code span}. */
    public static RequestChain of(TraceModel model, int span) {
        Deque<Step> steps = new ArrayDeque<>();
        Spans spans = model.spans();
        for (int s = span; s >= 0 && steps.size() < MAX_STEPS; ) {
            steps.addFirst(new Step(s, spans.startRow(s)));
            int cause = spans.cause(s);
            if (cause < 0) {
                break;
            }
            steps.addFirst(new Step(-1, cause));
            s = model.events().typeId(cause) == EventType.INTERRUPT.id() ? -1 : model.spanOfEvent(cause);
        }
        List<Step> out = new ArrayList<>(steps);
        for (int s = span; spans.kind(s) != SpanKind.CALLBACK && out.size() < MAX_STEPS; ) {
            s = spans.next(s);
            if (s < 0) {
                break;
            }
            if (spans.cause(s) >= 0) {
                out.add(new Step(-1, spans.cause(s)));
            }
            out.add(new Step(s, spans.startRow(s)));
        }
        return new RequestChain(out);
    }

    /** Where the chain starts along {@code axis}. */
    public double start(TraceModel model, Axis axis) {
        Step first = steps.get(0);
        return first.isSpan() ? model.spanStart(axis, first.span()) : model.position(axis, first.row());
    }

    /** Where the chain's last span ends along {@code axis}. */
    public double end(TraceModel model, Axis axis) {
        Step last = steps.get(steps.size() - 1);
        return last.isSpan() ? model.spanEnd(axis, last.span()) : model.position(axis, last.row());
    }

    /** Time of the first step (the interrupt, when the chain reaches it). */
    public long startTime(TraceModel model) {
        return model.events().time(steps.get(0).row());
    }

    /** Time the last span ends (the last event's time while it is open). */
    public long endTime(TraceModel model) {
        Step last = steps.get(steps.size() - 1);
        return last.isSpan() ? model.spans().endTime(last.span(), model.lastTime()) : model.events().time(last.row());
    }

    /** Whether the chain starts at an interrupt. */
    public boolean startsAtInterrupt(TraceModel model) {
        return model.events().typeId(steps.get(0).row()) == EventType.INTERRUPT.id();
    }
}
