package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.viewer.TestTraces;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.swing.SwingUtilities;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/** The events table's filter and its link to the selection; Swing components without a window (works headless). */
@Timeout(60)
class EventsPanelTest {
    private final TraceModel nic = TraceLoader.read(TestTraces.sample("nic"));

    @Test
    void aLargeTraceIsFilteredInSlicesOnTheEventThreadAndTheSelectionFollows() throws Exception {
        Selection selection = new Selection();
        AtomicReference<EventsPanel> panel = new AtomicReference<>();
        CountDownLatch filtered = new CountDownLatch(1);
        SwingUtilities.invokeAndWait(() -> {
            EventsPanel p = new EventsPanel(nic, selection, 100); // 1,218 events: sliced
            p.addFilterListener(filtered::countDown);
            p.setFilter(new EventFilter(Set.of(EventType.ENQUEUE), ""));
            panel.set(p);
        });
        assertThat(filtered.await(10, SECONDS)).as("the sliced filter finished").isTrue();
        int[] result = new int[3];
        SwingUtilities.invokeAndWait(() -> {
            EventsPanel p = panel.get();
            result[0] = p.table().getRowCount();
            int row = Integer.parseInt((String) p.table().getValueAt(5, 0));
            p.table().setRowSelectionInterval(5, 5);
            result[1] = row;
            selection.select(row + 1, -1, "elsewhere"); // not an enqueue: the table shows the next one
            result[2] = p.table().getSelectedRow();
        });
        assertThat(result[0]).isEqualTo(39);
        assertThat(nic.events().typeId(result[1])).isEqualTo(EventType.ENQUEUE.id());
        assertThat(result[2]).isEqualTo(6);
        assertThat(selection.span()).isEqualTo(-1);
        CountDownLatch searched = new CountDownLatch(1);
        String[] status = new String[3];
        SwingUtilities.invokeAndWait(() -> {
            panel.get().addFilterListener(searched::countDown);
            panel.get().setFilter(new EventFilter(Set.of(), "coalesced"));
            status[0] = panel.get().status();
        });
        assertThat(status[0]).startsWith("filtering…");
        assertThat(searched.await(10, SECONDS)).isTrue();
        SwingUtilities.invokeAndWait(() -> {
            status[1] = panel.get().status();
            panel.get().setFilter(EventFilter.ALL);
            status[2] = panel.get().status();
        });
        assertThat(status[1]).as("the NIC sample never coalesces").isEqualTo("0 of 1,218 events");
        assertThat(status[2]).isEqualTo("1,218 events");
    }

    @Test
    void theTypeMenuIsLaidOutInColumnsThatFitOnTheScreen() throws Exception {
        TraceModel live = TraceLoader.read(TestTraces.sample("usb-reset"));
        int[] shape = new int[3];
        SwingUtilities.invokeAndWait(() -> {
            javax.swing.JPopupMenu menu = new EventsPanel(live, new Selection()).typesMenu();
            java.awt.GridLayout grid = (java.awt.GridLayout) menu.getLayout();
            shape[0] = menu.getComponentCount();
            shape[1] = grid.getColumns();
            shape[2] = (int) Math.ceil(shape[0] / (double) grid.getColumns());
        });
        assertThat(shape[0]).as("'All types' and a box per type in the trace").isGreaterThan(EventsPanel.TYPES_PER_COLUMN);
        assertThat(shape[2]).as("rows per column").isLessThanOrEqualTo(EventsPanel.TYPES_PER_COLUMN);
        assertThat(shape[1]).isGreaterThan(1);
    }
}
