package dev.wdfrr.viewer.internal.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * What is selected in one trace's tab: an event row and the span it belongs to. The timeline,
 * the events table, the details and the latency charts all select through it and follow it;
 * each listener is told who made the change so it does not echo it back.
 */
public final class Selection {
    /** Told of every change. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param row    selected event row, or -1
         * @param span   selected span, or -1
         * @param source whoever changed it
         */
        void selected(int row, int span, Object source);
    }

    private final List<Listener> listeners = new ArrayList<>();
    private int row = -1;
    private int span = -1;

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /** Selects an event and a span (either may be -1); no-op when nothing changes. */
    public void select(int row, int span, Object source) {
        if (row == this.row && span == this.span) {
            return;
        }
        this.row = row;
        this.span = span;
        for (Listener l : List.copyOf(listeners)) {
            l.selected(row, span, source);
        }
    }

    public int row() {
        return row;
    }

    public int span() {
        return span;
    }
}
