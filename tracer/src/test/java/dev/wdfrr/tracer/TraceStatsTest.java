package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class TraceStatsTest {
    @TempDir
    Path tmp;

    /** Writes a hand-made trace: one request through ISR, DPC and work item, then an ISR that never ends. */
    static Path knownTrace(Path dir, boolean close) {
        TraceWriter w = TraceWriter.create(dir, false);
        w.begin(new RunInfo("t", "known", "c", Map.of(), EngineKind.DETERMINISTIC, 1, "s", 1, 1, 1, 0, "jvm", "os"));
        long[] seq = {0};
        w.name(seq[0]++, 0, 0, NameKind.THREAD, 1, "isr-0");
        w.name(seq[0]++, 0, 0, NameKind.THREAD, 2, "cpu-0");
        w.name(seq[0]++, 0, 0, NameKind.THREAD, 3, "worker-0");
        w.name(seq[0]++, 0, 0, NameKind.THREAD, 4, "device");
        w.name(seq[0]++, 0, 0, NameKind.STRING, 1, "KmdfIrql: something");
        Ev e = (time, type, thread, cpu, object, related, arg) -> w.event(seq[0]++, time, type.id(), thread, cpu, 0, object, related, arg);
        e.at(1000, EventType.INTERRUPT, 4, -1, 10, 9, 0);
        e.at(1100, EventType.ISR_START, 1, 0, 10, 9, 0);
        e.at(1300, EventType.DPC_QUEUE, 1, 0, 10, 0, 1);
        e.at(1400, EventType.ISR_END, 1, 0, 10, 0, 1);
        e.at(2000, EventType.DPC_START, 2, 0, 10, 0, 0);
        e.at(2100, EventType.ENQUEUE, 2, 0, 20, 0, 1);
        e.at(2200, EventType.ENQUEUE, 2, 0, 20, 0, 0);
        e.at(2300, EventType.VIOLATION, 2, 0, 20, 1, Rule.KMDF_IRQL.id());
        e.at(2500, EventType.DPC_END, 2, 0, 10, 0, 0);
        e.at(3000, EventType.CALLBACK_START, 3, -1, 20, 0, 1);
        e.at(7000, EventType.CALLBACK_END, 3, -1, 20, 0, 1);
        e.at(8000, EventType.ISR_START, 1, 0, 10, 9, 0);
        if (close) {
            w.close();
        }
        return dir;
    }

    interface Ev {
        void at(long time, EventType type, int thread, int cpu, int object, int related, long arg);
    }

    @Test
    void spansArePairedIntoEveryStageWithExactLatencies() {
        try (TraceReader r = TraceReader.open(knownTrace(tmp.resolve("t"), true))) {
            TraceStats s = TraceStats.of(r);
            assertThat(s.latency(LatencyStage.ISR_DURATION)).isEqualTo(new Percentiles(1, 300, 300, 300, 300, 300));
            assertThat(s.latency(LatencyStage.INTERRUPT_TO_DPC).p50()).isEqualTo(1000);
            assertThat(s.latency(LatencyStage.DPC_DURATION).p50()).isEqualTo(500);
            assertThat(s.latency(LatencyStage.ENQUEUE_TO_START).p50()).isEqualTo(900);
            assertThat(s.latency(LatencyStage.CALLBACK_DURATION).p50()).isEqualTo(4000);
            assertThat(s.latency(LatencyStage.INTERRUPT_TO_CALLBACK_END).p50()).isEqualTo(6000);
            assertThat(s.unmatched(LatencyStage.ISR_DURATION)).isEqualTo(1); // the last ISR never ended
            assertThat(s.coalescedEnqueues()).isEqualTo(1);
            assertThat(s.queuedEnqueues()).isEqualTo(1);
            assertThat(s.queuedDpcs()).isEqualTo(1);
            assertThat(s.violations()).isEqualTo(1);
            assertThat(s.violationsByRule()).containsEntry(Rule.KMDF_IRQL, 1L);
            assertThat(s.count(EventType.NAME)).isEqualTo(5);
            assertThat(s.events()).isEqualTo(17);
            assertThat(s.truncated()).isFalse();
            assertThat(s.outcome()).isNull();
        }
    }

    @Test
    void aTraceWhoseWriterNeverClosedIsReportedTruncatedAndStillSummarised() {
        try (TraceReader r = TraceReader.open(knownTrace(tmp.resolve("open"), false))) {
            TraceStats s = TraceStats.of(r);
            assertThat(s.truncated()).isTrue();
            assertThat(s.truncationNote()).startsWith("incomplete after event 16"); // its writer, in this JVM, is alive
            assertThat(s.latency(LatencyStage.CALLBACK_DURATION).count()).isEqualTo(1);
        }
    }

    @Test
    void recordedRunsReportTheirOutcome() {
        Path dir = tmp.resolve("lost");
        for (long seed = 1; seed < 30; seed++) {
            var result = RoundTripTest.record("lost-update", dev.wdfrr.runtime.RunConfig.builder().seed(seed), TraceWriter.create(dir, true));
            if (!result.passed()) {
                break;
            }
        }
        try (TraceReader r = TraceReader.open(dir)) {
            TraceStats s = TraceStats.of(r);
            assertThat(s.outcome()).isEqualTo(FailureKind.INVARIANT);
            assertThat(s.failures()).singleElement().asString().contains("an update was lost");
        }
    }
}
