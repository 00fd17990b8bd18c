package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceWriter;
import dev.wdfrr.viewer.TestTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class FirstDivergenceTest {
    @TempDir
    Path tmp;

    private static List<Event> untimed(Path dir) {
        List<Event> out = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                Event e = c.toRuntimeEvent();
                out.add(new Event(e.seq(), 0, e.type(), e.thread(), e.cpu(), e.irql(), e.object(), e.related(), e.arg(), e.text()));
            }
        }
        return out;
    }

    @Test
    void twoRecordingsOfOneSeedAreTheSameEvents() {
        Path a = TestTraces.record("nic", 5, "300us", tmp.resolve("a"));
        Path b = TestTraces.record("nic", 5, "300us", tmp.resolve("b"));
        assertThat(FirstDivergence.find(a, b, new Cancellation())).isEmpty();
    }

    @Test
    void theFirstDifferingEventIsFoundInBothTraces() {
        Path a = TestTraces.record("nic", 1, "300us", tmp.resolve("a"));
        Path b = TestTraces.record("nic", 2, "300us", tmp.resolve("b"));
        List<Event> ea = untimed(a);
        List<Event> eb = untimed(b);
        int k = 0;
        while (k < Math.min(ea.size(), eb.size()) && ea.get(k).equals(eb.get(k))) {
            k++;
        }
        Optional<FirstDivergence> d = FirstDivergence.find(a, b, new Cancellation());
        assertThat(d).isPresent();
        assertThat(d.get().seq()).isEqualTo(k);
        assertThat(d.get().lineA()).contains(Integer.toString(k));
        assertThat(d.get().describe()).startsWith("first divergence at event #" + k);
    }

    @Test
    void aTraceThatStopsEarlyDivergesWhereItEnds() {
        Path full = TestTraces.known(tmp.resolve("full"));
        Path part = tmp.resolve("part");
        try (TraceWriter w = TestTraces.writer(part)) {
            TestTraces.knownEvents(w, 15);
        }
        FirstDivergence d = FirstDivergence.find(full, part, new Cancellation()).orElseThrow();
        assertThat(d.seq()).isEqualTo(15);
        assertThat(d.lineB()).isEqualTo("(end of trace)");
        assertThat(d.lineA()).contains("violation");
    }
}
