package dev.wdfrr.cli;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.Names;

/** One JSON object per event for {@code dump --json}. */
final class EventJson {
    private EventJson() {
    }

    /** One JSON object per event; stable keys: seq, time_ns, type, thread, cpu, irql, object, object_name, related, arg, text, details. */
    static String json(EventCursor c, Names n) {
        Json j = new Json().open()
                .field("seq", c.seq())
                .field("time_ns", c.time())
                .field("type", EventFormat.typeName(c))
                .field("thread", n.thread(c.thread()))
                .field("cpu", c.cpu())
                .field("irql", c.irql().name())
                .field("object", c.object());
        if (c.object() != 0 && c.type() != EventType.NAME) {
            j.field("object_name", n.object(c.object()));
        }
        j.field("related", c.related()).field("arg", c.arg());
        if (c.text() != null) {
            j.field("text", c.text());
        }
        return j.field("details", EventFormat.details(c, n)).close().toString();
    }
}
