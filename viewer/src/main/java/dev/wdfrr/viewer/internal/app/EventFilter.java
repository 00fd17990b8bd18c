package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which events the table shows: some types (none given = every type) and a case-insensitive
 * text that must occur in the event's type name, thread name, sequence number or details.
 */
public record EventFilter(Set<EventType> types, String query) {
    public static final EventFilter ALL = new EventFilter(Set.of(), "");

    public EventFilter {
        types = Set.copyOf(types);
        query = query == null ? "" : query.strip();
    }

    public boolean isAll() {
        return types.isEmpty() && query.isEmpty();
    }

    /** A matcher over one model; it caches per-thread results, so use it for one pass. */
    public Matcher matcher(TraceModel model) {
        return new Matcher(model);
    }

    /** Tests rows of one model against the filter. */
    public final class Matcher {
        private final TraceModel model;
        private final boolean[] typeOk = new boolean[256];
        private final String q = query.toLowerCase(Locale.ROOT);
        private final Map<Integer, Boolean> threadMatches = new HashMap<>();
        private final EventCursor cursor = new EventCursor();

        Matcher(TraceModel model) {
            this.model = model;
            for (int t = 0; t < typeOk.length; t++) {
                EventType type = EventType.ofId(t);
                typeOk[t] = types.isEmpty() || type != null && types.contains(type);
            }
        }

        public boolean matches(int row) {
            if (!typeOk[model.events().typeId(row)]) {
                return false;
            }
            if (q.isEmpty()) {
                return true;
            }
            int thread = model.events().thread(row);
            if (threadMatches.computeIfAbsent(thread, t -> contains(model.names().thread(t)))) {
                return true;
            }
            EventCursor c = model.events().fill(row, cursor);
            return contains(EventFormat.typeName(c)) || Integer.toString(row).equals(q)
                    || contains(EventFormat.details(c, model.names()));
        }

        private boolean contains(String s) {
            return s.toLowerCase(Locale.ROOT).contains(q);
        }
    }
}
