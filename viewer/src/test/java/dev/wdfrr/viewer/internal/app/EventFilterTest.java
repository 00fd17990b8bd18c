package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.viewer.TestTraces;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.wdfrr.viewer.TestTraces.*;
import static org.assertj.core.api.Assertions.assertThat;

class EventFilterTest {
    @TempDir
    Path tmp;

    private List<Integer> rows(TraceModel m, EventFilter f) {
        EventFilter.Matcher matcher = f.matcher(m);
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < m.eventCount(); r++) {
            if (matcher.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void typesTextAndBothTogetherPickTheirRows() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        assertThat(rows(m, EventFilter.ALL)).hasSize(EVENTS);
        assertThat(rows(m, new EventFilter(Set.of(EventType.ENQUEUE), ""))).containsExactly(ROW_ENQUEUE_QUEUED, ROW_ENQUEUE_COALESCED);
        assertThat(rows(m, new EventFilter(Set.of(), "COALESCED"))).containsExactly(ROW_ENQUEUE_COALESCED);
        assertThat(rows(m, new EventFilter(Set.of(), "worker-0"))).containsExactly(2, ROW_CALLBACK_START, ROW_CALLBACK_END);
        assertThat(rows(m, new EventFilter(Set.of(EventType.CALLBACK_END, EventType.DELETE), "rx-work")))
                .containsExactly(ROW_CALLBACK_END, ROW_DELETE);
        assertThat(rows(m, new EventFilter(Set.of(), " 19 "))).as("a sequence number").containsExactly(ROW_DELETE);
        assertThat(rows(m, new EventFilter(Set.of(), "kmdfirql"))).as("its name event too").containsExactly(7, ROW_VIOLATION);
        assertThat(rows(m, new EventFilter(Set.of(), "#19"))).containsExactly(ROW_DELETE);
    }

    @Test
    void searchMatchesWhatTheTableShowsAcrossItsColumns() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        // the type column says "enqueue", the details say "coalesced (already queued)"
        assertThat(rows(m, new EventFilter(Set.of(), "enqueue coalesced"))).containsExactly(ROW_ENQUEUE_COALESCED);
        assertThat(rows(m, new EventFilter(Set.of(), "coalesced   enqueue"))).as("in any order").containsExactly(ROW_ENQUEUE_COALESCED);
        assertThat(rows(m, new EventFilter(Set.of(), "cpu-0 passive enqueue"))).as("thread, IRQL and type columns")
                .containsExactly(ROW_ENQUEUE_QUEUED, ROW_ENQUEUE_COALESCED);
        assertThat(rows(m, new EventFilter(Set.of(), "2.200µs"))).as("the time column").containsExactly(ROW_ENQUEUE_COALESCED);
        assertThat(rows(m, new EventFilter(Set.of(), "enqueue deleted"))).isEmpty();
    }
}
