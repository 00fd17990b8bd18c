package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.viewer.internal.model.IntChunks;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.TimeFormat;

import javax.swing.table.AbstractTableModel;

/**
 * The events as table rows, formatted only when a row is shown: all of them, or the rows a
 * filter kept (their event rows, ascending). Nothing is stored per event beyond the filter's
 * row list.
 */
final class EventsTableModel extends AbstractTableModel {
    static final String[] COLUMNS = {"#", "time", "thread", "cpu", "IRQL", "type", "details"};

    private final TraceModel model;
    private final EventCursor cursor = new EventCursor();
    /** Event rows shown, or null for all of them. */
    private IntChunks rows;
    /** Events shown when unfiltered: the model's count at the last refresh. */
    private int all;

    EventsTableModel(TraceModel model) {
        this.model = model;
        this.all = model.eventCount();
    }

    @Override
    public int getRowCount() {
        return rows == null ? all : rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int tableRow, int column) {
        int row = eventRow(tableRow);
        return cell(row, model.events().fill(row, cursor), column);
    }

    private String cell(int row, EventCursor c, int column) {
        return switch (column) {
            case 0 -> Integer.toString(row);
            case 1 -> TimeFormat.micros(c.time());
            case 2 -> model.names().thread(c.thread());
            case 3 -> c.cpu() < 0 ? "-" : Integer.toString(c.cpu());
            case 4 -> c.irqlOrdinal() < Irql.values().length ? c.irql().name() : Integer.toString(c.irqlOrdinal());
            case 5 -> EventFormat.typeName(c);
            default -> EventFormat.details(c, model.names());
        };
    }

    /** Every column of event {@code row} as the table shows it, separated by spaces: what search looks in. */
    String rowText(int row) {
        EventCursor c = model.events().fill(row, cursor);
        StringBuilder b = new StringBuilder();
        for (int column = 0; column < COLUMNS.length; column++) {
            b.append(column == 0 ? "" : " ").append(cell(row, c, column));
        }
        return b.toString();
    }

    /** The event row shown at {@code tableRow}. */
    int eventRow(int tableRow) {
        return rows == null ? tableRow : rows.get(tableRow);
    }

    /** The table row showing {@code eventRow}, or the first after it; -1 when none is shown at or after it. */
    int tableRowOf(int eventRow) {
        if (rows == null) {
            return eventRow < all ? eventRow : -1;
        }
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = lo + hi >>> 1;
            if (rows.get(mid) < eventRow) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < rows.size() ? lo : -1;
    }

    boolean filtered() {
        return rows != null;
    }

    /** Shows only {@code rows} (ascending event rows), or everything for null. */
    void show(IntChunks rows) {
        this.rows = rows;
        this.all = model.eventCount();
        fireTableDataChanged();
    }

    /** Events were appended (following); {@code matching} are the new rows the filter keeps, when filtering. */
    void appended(int[] matching, int count) {
        int before = getRowCount();
        if (rows == null) {
            all = model.eventCount();
        } else {
            for (int i = 0; i < count; i++) {
                rows.add(matching[i]);
            }
        }
        if (getRowCount() > before) {
            fireTableRowsInserted(before, getRowCount() - 1);
        }
    }
}
