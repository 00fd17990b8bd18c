package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class RoundTripTest {
    @TempDir
    Path tmp;

    static List<Event> readAll(Path dir) {
        List<Event> out = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                out.add(c.toRuntimeEvent());
            }
            assertThat(r.truncated()).isFalse();
        }
        return out;
    }

    static RunResult record(String scenario, RunConfig.Builder config, EventSink sink) {
        Scenario s = BuiltInScenarios.create(scenario).orElseThrow();
        return WdfRunner.run(s, Parameters.of(s, Map.of()), config.sink(sink).build());
    }

    @Test
    void writeCloseReopenReadBackGivesIdenticalEventsOfEveryType() {
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        for (String id : BuiltInScenarios.ids()) {
            Path dir = tmp.resolve(id);
            MemorySink memory = new MemorySink();
            record(id, RunConfig.builder().seed(3), EventSink.tee(memory, TraceWriter.create(dir, false)));
            List<Event> back = readAll(dir);
            assertThat(back).as(id).isEqualTo(memory.events());
            back.forEach(e -> seen.add(e.type()));
            try (TraceReader r = TraceReader.open(dir)) {
                assertThat(r.header().scenarioId()).isEqualTo(id);
                assertThat(r.header().engine()).isEqualTo(EngineKind.DETERMINISTIC);
                assertThat(r.header().seed()).isEqualTo(3);
                assertThat(r.header().parameters()).isEqualTo(memory.info().parameters());
            }
        }
        // every type the runtime emits in these scenarios, plus the rest written directly below
        Path dir = tmp.resolve("synthetic");
        try (TraceWriter w = TraceWriter.create(dir, false)) {
            w.begin(new RunInfo("t", "s", "c", Map.of(), EngineKind.LIVE, 1, "live", 1, 1, 1, 0, "jvm", "os"));
            long seq = 0;
            w.name(seq++, 0, 0, NameKind.THREAD, 0, "runtime");
            for (EventType t : EventType.values()) {
                if (t != EventType.NAME) {
                    w.event(seq++, seq * 10, t.id(), 0, t.id() % 3 - 1, t.id() % 4, t.id(), t.id() * 2, -t.id());
                }
            }
        }
        List<Event> synthetic = readAll(dir);
        assertThat(synthetic).extracting(Event::type).containsAll(EnumSet.allOf(EventType.class));
        assertThat(synthetic.get(5).arg()).isNegative();
        assertThat(seen).contains(EventType.ISR_START, EventType.DPC_START, EventType.CALLBACK_START, EventType.VIOLATION);
    }

    @Test
    void everyTypeHasATypedRecordAndADumpLine() {
        Path dir = tmp.resolve("typed");
        try (TraceWriter w = TraceWriter.create(dir, false)) {
            w.begin(new RunInfo("t", "s", "c", Map.of(), EngineKind.DETERMINISTIC, 1, "x", 1, 1, 1, 0, "jvm", "os"));
            long seq = 0;
            w.name(seq++, 0, 0, NameKind.THREAD, 0, "runtime");
            w.name(seq++, 0, 0, NameKind.SITE, 3, "Driver.stop(Driver.java:42)");
            for (EventType t : EventType.values()) {
                if (t != EventType.NAME) {
                    w.event(seq++, seq, t.id(), 0, -1, 0, 5, 3, 7);
                }
            }
        }
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            java.util.Set<EventType> typed = EnumSet.noneOf(EventType.class);
            while (r.next(c)) {
                TraceEvent e = TraceEventDecoder.of(c, r.names());
                assertThat(e).isNotInstanceOf(TraceEvent.Unknown.class);
                assertThat(EventFormat.line(c, r.names())).contains(c.type().wireName());
                typed.add(e.type());
            }
            assertThat(typed).isEqualTo(EnumSet.allOf(EventType.class));
        }
        try (TraceReader r = TraceReader.open(dir)) {
            List<String> sites = new ArrayList<>();
            r.events().forEach(e -> {
                if (e instanceof TraceEvent.CallSite cs) {
                    sites.add(cs.site());
                }
            });
            assertThat(sites).containsExactly("Driver.stop(Driver.java:42)");
        }
    }

    @Test
    void typedRecordsResolveNames() {
        Path dir = tmp.resolve("nic");
        record("nic", RunConfig.builder().seed(1), TraceWriter.create(dir, false));
        try (TraceReader r = TraceReader.open(dir)) {
            List<TraceEvent> events = new ArrayList<>();
            r.events().forEach(events::add);
            TraceEvent.CallbackStart start = events.stream().filter(e -> e instanceof TraceEvent.CallbackStart)
                    .map(e -> (TraceEvent.CallbackStart) e).findFirst().orElseThrow();
            assertThat(start.itemName()).isEqualTo("rx-work");
            assertThat(start.thread()).startsWith("worker-");
            assertThat(start.instance()).isEqualTo(1);
            assertThat(events.get(events.size() - 1)).isInstanceOf(TraceEvent.RunEnd.class);
        }
    }

    @Test
    void seekBySequenceNumberPositionsTheReaderWithNamesKnown() {
        Path dir = tmp.resolve("nic");
        MemorySink memory = new MemorySink();
        record("nic", RunConfig.builder().seed(1).durationNanos(20_000_000L), EventSink.tee(memory, TraceWriter.create(dir, false)));
        assertThat(memory.size()).isGreaterThan(3000);
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            for (long target : new long[]{2500, 17, 0, memory.size() - 1, 1030}) {
                r.seek(target);
                assertThat(r.next(c)).isTrue();
                assertThat(c.seq()).isEqualTo(target);
                assertThat(c.toRuntimeEvent()).isEqualTo(memory.get((int) target));
                assertThat(r.names().thread(c.thread())).isEqualTo(memory.nameOf(NameKind.THREAD, c.thread()));
            }
            r.seek(memory.size() + 10);
            assertThat(r.next(c)).isFalse();
        }
    }

    @Test
    void anExistingTraceIsNeverOverwrittenWithoutAsking() {
        Path dir = tmp.resolve("t");
        record("nic", RunConfig.builder(), TraceWriter.create(dir, false));
        assertThatThrownBy(() -> TraceWriter.create(dir, false)).isInstanceOf(TraceException.class)
                .hasMessageContaining("already holds files").hasMessageContaining("--force");
        record("dma", RunConfig.builder(), TraceWriter.create(dir, true));
        try (TraceReader r = TraceReader.open(dir)) {
            assertThat(r.header().scenarioId()).isEqualTo("dma");
        }
    }

    @Test
    void notATraceIsReportedInOneLine() throws Exception {
        assertThatThrownBy(() -> TraceReader.open(tmp.resolve("missing"))).hasMessage("no such trace: " + tmp.resolve("missing"));
        Path file = java.nio.file.Files.writeString(tmp.resolve("file.txt"), "hello");
        assertThatThrownBy(() -> TraceReader.open(file)).hasMessageContaining("is not a trace: a trace is a directory");
        assertThatThrownBy(() -> TraceReader.open(tmp)).hasMessageContaining("holds no Chronicle queue files");
    }
}
