package dev.wdfrr.replayer;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class DivergenceTest {
    @TempDir
    Path tmp;

    /** Writes {@code events} as a trace, with events {@code i} and {@code i + 1} swapped and renumbered. */
    private static void writeSwapped(MemorySink recorded, int i, Path dir) {
        List<Event> events = new java.util.ArrayList<>(recorded.events());
        Event a = events.get(i);
        Event b = events.get(i + 1);
        events.set(i, b);
        events.set(i + 1, a);
        try (TraceWriter w = TraceWriter.create(dir, false)) {
            w.begin(recorded.info());
            for (int k = 0; k < events.size(); k++) {
                Event e = events.get(k);
                if (e.type() == EventType.NAME) {
                    w.name(k, e.time(), e.thread(), NameKind.ofId(e.related()), e.object(), e.text());
                } else {
                    w.event(k, e.time(), e.type().id(), e.thread(), e.cpu(), e.irql(), e.object(), e.related(), e.arg());
                }
            }
        }
    }

    @Test
    void twoEventsSwappedAreReportedAtExactlyThatIndex() {
        Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
        MemorySink recorded = new MemorySink();
        WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().seed(4).durationNanos(1_000_000).sink(recorded).build());
        // Two events of one thread, and a cause and its effect on two threads (an enqueue and the
        // callback it starts): swapping either pair can never happen, so the replay must say where.
        int sameThread = 200;
        while (recorded.get(sameThread).thread() != recorded.get(sameThread + 1).thread()
                || recorded.get(sameThread).type() == EventType.NAME) {
            sameThread++;
        }
        int causal = 100;
        while (!(recorded.get(causal).type() == EventType.ENQUEUE && recorded.get(causal + 1).type() == EventType.CALLBACK_START)) {
            causal++;
        }
        for (int i : new int[]{sameThread, causal}) {
            Path dir = tmp.resolve("swapped-" + i);
            writeSwapped(recorded, i, dir);
            ReplayResult r = Replayer.replay(dir, Fixtures.BUILT_IN, Replayer.Options.defaults());
            assertThat(r.reproduced()).isFalse();
            assertThat(r.divergenceIndex()).isEqualTo(i);
            assertThat(r.divergence()).startsWith("event #" + i + ": expected ").contains("preceding events:");
            assertThat(r.divergence().lines().filter(l -> l.matches("\\s+\\d+ .*"))).hasSize(5);
        }
    }

    @Test
    void aRecordingCutShortReplaysUpToItsEndAndNoFurther() {
        Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
        MemorySink recorded = new MemorySink();
        WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().seed(4).durationNanos(500_000).sink(recorded).build());
        Path dir = tmp.resolve("short");
        try (TraceWriter w = TraceWriter.create(dir, false)) {
            w.begin(recorded.info());
            for (int k = 0; k < 150; k++) {
                Event e = recorded.get(k);
                if (e.type() == EventType.NAME) {
                    w.name(k, e.time(), e.thread(), NameKind.ofId(e.related()), e.object(), e.text());
                } else {
                    w.event(k, e.time(), e.type().id(), e.thread(), e.cpu(), e.irql(), e.object(), e.related(), e.arg());
                }
            }
        }
        ReplayResult r = Replayer.replay(dir, Fixtures.BUILT_IN, Replayer.Options.defaults());
        assertThat(r.reproduced()).as("every recorded event; the run was stopped there, not a divergence").isTrue();
        assertThat(r.cutShort()).isTrue();
        assertThat(r.events()).isEqualTo(150);
        assertThat(r.divergence()).isNull();
        assertThat(r.summary()).isEqualTo("all 150 recorded events reproduced; the recording was cut short");
    }
}
