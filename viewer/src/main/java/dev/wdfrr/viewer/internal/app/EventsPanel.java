package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.viewer.internal.model.IntChunks;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.Selection;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JLabel;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import java.awt.BorderLayout;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The events table with a type filter and a text search, kept in step with the selection:
 * selecting a row selects that event (and its span) everywhere, and selecting elsewhere
 * scrolls the table to the event.
 */
final class EventsPanel extends JPanel {
    /** Typing pause before the search runs. */
    static final int SEARCH_DELAY_MS = 300;
    /** Most entries in one column of the type menu. */
    static final int TYPES_PER_COLUMN = 12;
    /** Up to this many events are filtered at once; beyond, in slices. */
    static final int FILTER_AT_ONCE = 200_000;

    private final TraceModel model;
    private final Selection selection;
    private final EventsTableModel rows;
    private final JTable table;
    private final JTextField search = new JTextField(24);
    private final JButton types = new JButton("Types: all");
    private final JLabel status = new JLabel();
    private final Set<EventType> chosen = EnumSet.noneOf(EventType.class);
    private final Timer searchDelay;
    private EventFilter filter = EventFilter.ALL;
    private FilterJob job;
    private EventFilter.Matcher live;
    private boolean syncing;
    private final int filterAtOnce;
    private final List<Runnable> filterListeners = new ArrayList<>();

    EventsPanel(TraceModel model, Selection selection) {
        this(model, selection, FILTER_AT_ONCE);
    }

    /** @param filterAtOnce traces up to this many events are filtered at once, larger ones in slices */
    EventsPanel(TraceModel model, Selection selection, int filterAtOnce) {
        super(new BorderLayout());
        this.filterAtOnce = filterAtOnce;
        this.model = model;
        this.selection = selection;
        this.rows = new EventsTableModel(model);
        this.table = new JTable(rows);
        searchDelay = new Timer(SEARCH_DELAY_MS, e -> applyFilter());
        searchDelay.setRepeats(false);
        configureTable();
        add(filterBar(), BorderLayout.NORTH);
        add(new JScrollPane(table), BorderLayout.CENTER);
        selection.addListener(this::selectionChanged);
        updateStatus(-1);
    }

    private void configureTable() {
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        int[] widths = {70, 100, 80, 40, 70, 110, 600};
        for (int i = 0; i < widths.length; i++) {
            table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        }
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!syncing && !e.getValueIsAdjusting() && table.getSelectedRow() >= 0) {
                int row = rows.eventRow(table.getSelectedRow());
                selection.select(row, model.spanOfEvent(row), this);
            }
        });
    }

    private JPanel filterBar() {
        JPanel bar = new JPanel();
        bar.setLayout(new BoxLayout(bar, BoxLayout.X_AXIS));
        bar.setBorder(BorderFactory.createEmptyBorder(4, 6, 4, 6));
        types.addActionListener(e -> typesMenu().show(types, 0, types.getHeight()));
        search.putClientProperty("JTextField.placeholderText", "search: type, thread, object, details, #seq");
        search.putClientProperty("JTextField.showClearButton", true);
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                searchDelay.restart();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                searchDelay.restart();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                searchDelay.restart();
            }
        });
        search.addActionListener(e -> applyFilter());
        bar.add(types);
        bar.add(Box.createHorizontalStrut(6));
        bar.add(search);
        bar.add(Box.createHorizontalStrut(10));
        bar.add(status);
        bar.add(Box.createHorizontalGlue());
        return bar;
    }

    /**
     * A menu of the types present in the trace; checking some shows only those. Laid out in
     * columns of at most {@value #TYPES_PER_COLUMN}, so that it fits on the screen however many
     * types a trace has.
     */
    JPopupMenu typesMenu() {
        JPopupMenu menu = new JPopupMenu();
        JMenuItem all = new JMenuItem("All types");
        all.addActionListener(e -> {
            chosen.clear();
            applyFilter();
        });
        boolean[] present = new boolean[256];
        for (int r = 0; r < model.eventCount(); r++) {
            present[model.events().typeId(r)] = true;
        }
        int count = 1;
        for (EventType t : EventType.values()) {
            count += present[t.id()] ? 1 : 0;
        }
        menu.setLayout(new java.awt.GridLayout(0, (count + TYPES_PER_COLUMN - 1) / TYPES_PER_COLUMN));
        menu.add(all);
        for (EventType t : EventType.values()) {
            if (present[t.id()]) {
                JCheckBoxMenuItem item = new JCheckBoxMenuItem(t.wireName(), chosen.contains(t));
                item.putClientProperty("CheckBoxMenuItem.doNotCloseOnMouseClick", true);
                item.addActionListener(e -> {
                    if (item.isSelected()) {
                        chosen.add(t);
                    } else {
                        chosen.remove(t);
                    }
                    applyFilter();
                });
                menu.add(item);
            }
        }
        return menu;
    }

    /** Applies the chosen types and the search text. */
    void applyFilter() {
        types.setText(chosen.isEmpty() ? "Types: all" : "Types: " + chosen.size());
        setFilter(new EventFilter(chosen, search.getText()));
    }

    /** Shows the events {@code f} keeps: at once for small traces, in slices for large ones. */
    void setFilter(EventFilter f) {
        if (job != null) {
            job.cancel();
            job = null;
        }
        filter = f;
        live = null;
        if (f.isAll()) {
            rows.show(null);
            updateStatus(-1);
            reselect();
            filterListeners.forEach(Runnable::run);
            return;
        }
        job = new FilterJob(model, f, this::updateStatus, this::filtered);
        if (model.eventCount() <= filterAtOnce) {
            job.runNow();
        } else {
            updateStatus(0);
            job.start();
        }
    }

    private void filtered(IntChunks kept) {
        live = job.matcher();
        for (int r = job.end(); r < model.eventCount(); r++) { // appended while the job ran
            if (live.matches(r)) {
                kept.add(r);
            }
        }
        job = null;
        rows.show(kept);
        updateStatus(-1);
        reselect();
        filterListeners.forEach(Runnable::run);
    }

    /** Told each time a filter's rows are shown. */
    void addFilterListener(Runnable l) {
        filterListeners.add(l);
    }

    String status() {
        return status.getText();
    }

    /** Events were appended to the model (following). */
    void appended(int from) {
        if (job != null) {
            return; // the job picks them up when it ends
        }
        int[] matching = new int[live == null ? 0 : model.eventCount() - from];
        int n = 0;
        for (int r = from; live != null && r < model.eventCount(); r++) {
            if (live.matches(r)) {
                matching[n++] = r;
            }
        }
        rows.appended(matching, n);
        updateStatus(-1);
    }

    private void updateStatus(int percent) {
        String total = String.format(Locale.ROOT, "%,d events", model.eventCount());
        status.setText(percent >= 0 ? "filtering… " + percent + "%"
                : rows.filtered() ? String.format(Locale.ROOT, "%,d of %s", rows.getRowCount(), total) : total);
    }

    private void reselect() {
        if (selection.row() >= 0) {
            selectionChanged(selection.row(), selection.span(), null);
        }
    }

    private void selectionChanged(int row, int span, Object source) {
        if (source == this || row < 0) {
            return;
        }
        int tr = rows.tableRowOf(row);
        if (tr < 0) {
            return;
        }
        syncing = true;
        try {
            table.setRowSelectionInterval(tr, tr);
            Rectangle cell = table.getCellRect(tr, 0, true);
            int visible = table.getVisibleRect().height;
            table.scrollRectToVisible(new Rectangle(cell.x, Math.max(0, cell.y - (visible - cell.height) / 2), cell.width,
                    Math.max(cell.height, visible))); // the row in the middle, with its context around it
        } finally {
            syncing = false;
        }
    }

    JTable table() {
        return table;
    }

    EventFilter filter() {
        return filter;
    }

    JTextField searchField() {
        return search;
    }
}
