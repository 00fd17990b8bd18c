package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.Names;
import dev.wdfrr.viewer.internal.model.RequestChain;
import dev.wdfrr.viewer.internal.model.SpanKind;
import dev.wdfrr.viewer.internal.model.Spans;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.util.Locale;

/** The text of the details panel and tooltips: a selected span, its request chain, or a selected event. */
public final class Details {
    private Details() {
    }

    /** "callback 'rx-work' (#5) instance 1 on worker-1, 2.00µs". */
    public static String spanSummary(TraceModel m, int span) {
        Spans s = m.spans();
        Names n = m.names();
        long d = s.endTime(span, m.lastTime()) - s.startTime(span);
        if (s.kind(span) == SpanKind.REQUEST) {
            return requestSummary(m, span, d);
        }
        String what = s.kind(span).label() + " '" + n.object(s.object(span)) + "' (#" + s.object(span) + ")";
        if (s.kind(span) == SpanKind.CALLBACK) {
            what += " instance " + m.events().arg(s.startRow(span));
        } else if (s.kind(span) == SpanKind.DRIVER_CALLBACK) {
            CallbackKind k = m.callbackKind(span);
            what = (k == null ? "driver callback" : k.label()) + " of '" + n.object(s.object(span)) + "' (#" + s.object(span) + ")";
        }
        String thread = n.thread(m.events().thread(s.startRow(span)));
        return what + " on " + thread + ", " + (s.endRow(span) < 0 ? "still running after " : "") + TimeFormat.duration(d);
    }

    /** "write 'request-10' (#10) of 2180 bytes to 'echo-queue' from io-app-0: STATUS_SUCCESS (0x00000000) after 1.07ms". */
    private static String requestSummary(TraceModel m, int span, long d) {
        Spans s = m.spans();
        Names n = m.names();
        int start = s.startRow(span);
        long arg = m.events().arg(start);
        RequestType type = RequestType.ofId(arg >>> 32);
        int queue = m.events().related(start);
        String what = (type == null ? "request" : type.label()) + " '" + n.object(s.object(span)) + "' (#" + s.object(span)
                + ") of " + (arg & 0xFFFFFFFFL) + " bytes " + (queue == 0 ? "no queue took" : "to '" + n.object(queue) + "'")
                + " from " + n.thread(m.events().thread(start));
        return what + ": " + (s.endRow(span) < 0 ? "still pending after " : NtStatus.describe(m.requestStatus(span)) + " after ")
                + TimeFormat.duration(d);
    }

    /** Everything about a selection: the span with its start and end and its chain, or the one event. */
    public static String describe(TraceModel m, int row, int span) {
        if (span < 0) {
            return row < 0 ? "Click a bar or a mark in the timeline, or a row of the events table." : eventBlock(m, row);
        }
        StringBuilder b = new StringBuilder(spanSummary(m, span)).append('\n');
        Spans s = m.spans();
        b.append("  start ").append(at(m, s.startRow(span))).append('\n');
        b.append(s.endRow(span) < 0 ? "  end   (not in the trace yet)" : "  end   " + at(m, s.endRow(span))).append('\n');
        if (row >= 0 && row != s.startRow(span) && row != s.endRow(span)) {
            b.append("\nselected ").append(eventBlock(m, row)).append('\n');
        }
        return b.append('\n').append(chain(m, RequestChain.of(m, span))).toString();
    }

    /** The chain as lines, one per step, with the time from the chain's start. */
    static String chain(TraceModel m, RequestChain c) {
        long t0 = c.startTime(m);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "request chain (%s -> end: %s)%n",
                c.startsAtInterrupt(m) ? "interrupt" : "first known step", TimeFormat.duration(c.endTime(m) - t0)));
        for (RequestChain.Step step : c.steps()) {
            long t = m.events().time(step.row());
            String what = step.isSpan() ? spanSummary(m, step.span()) : stepEvent(m, step.row());
            b.append(String.format(Locale.ROOT, "  +%-9s #%-8d %s%n", TimeFormat.duration(t - t0), step.row(), what));
        }
        RequestChain.Step last = c.steps().get(c.steps().size() - 1);
        if (last.isSpan() && m.spans().endRow(last.span()) >= 0) {
            int end = m.spans().endRow(last.span());
            b.append(String.format(Locale.ROOT, "  +%-9s #%-8d %s end%n", TimeFormat.duration(m.events().time(end) - t0),
                    end, m.spans().kind(last.span()).label()));
        }
        return b.toString();
    }

    private static String stepEvent(TraceModel m, int row) {
        EventCursor c = m.events().fill(row, new EventCursor());
        String type = EventFormat.typeName(c);
        String details = EventFormat.details(c, m.names());
        return (details.startsWith(type) ? details : type + " " + details) + " on " + m.names().thread(c.thread());
    }

    /** "#538 at 1137.903µs". */
    private static String at(TraceModel m, int row) {
        return "#" + row + " at " + TimeFormat.micros(m.events().time(row));
    }

    /** "event #10 at 0.000µs on main (cpu -, PASSIVE)" and its type and details on a second line. */
    private static String eventBlock(TraceModel m, int row) {
        EventCursor c = m.events().fill(row, new EventCursor());
        return "event " + at(m, row) + " on " + m.names().thread(c.thread()) + " (cpu "
                + (c.cpu() < 0 ? "-" : Integer.toString(c.cpu())) + ", " + c.irql() + ")\n  " + EventFormat.typeName(c) + ": "
                + EventFormat.details(c, m.names());
    }
}
