package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.viewer.internal.model.TraceModel;

import java.util.Locale;
import java.util.Set;

/**
 * Which events the table shows: some types (none given = every type) and a case-insensitive
 * search that matches what the table shows: every word of it must occur somewhere in the row
 * (number, time, thread, CPU, IRQL, type, details), so "enqueue coalesced" finds the enqueues
 * whose details say coalesced. A number ("538" or "#538") is the event with that number.
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

    /** A matcher over one model; it keeps a cursor, so use it on one thread. */
    public Matcher matcher(TraceModel model) {
        return new Matcher(model);
    }

    /** Tests rows of one model against the filter. */
    public final class Matcher {
        private final TraceModel model;
        private final boolean[] typeOk = new boolean[256];
        private final String[] words;
        private final int seq;
        private final EventsTableModel table;

        Matcher(TraceModel model) {
            this.model = model;
            for (int t = 0; t < typeOk.length; t++) {
                EventType type = EventType.ofId(t);
                typeOk[t] = types.isEmpty() || type != null && types.contains(type);
            }
            String q = query.toLowerCase(Locale.ROOT);
            this.words = q.isEmpty() ? new String[0] : q.split("\\s+");
            this.seq = q.matches("#?\\d{1,9}") ? Integer.parseInt(q.replace("#", "")) : -1; // a bare number is one event
            this.table = new EventsTableModel(model);
        }

        public boolean matches(int row) {
            if (!typeOk[model.events().typeId(row)]) {
                return false;
            }
            if (words.length == 0) {
                return true;
            }
            if (seq >= 0) {
                return row == seq;
            }
            String shown = table.rowText(row).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!shown.contains(w)) {
                    return false;
                }
            }
            return true;
        }
    }
}
