package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.Percentiles;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceStats;
import dev.wdfrr.viewer.TestTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.wdfrr.viewer.TestTraces.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class TraceModelTest {
    @TempDir
    Path tmp;

    private TraceModel known() {
        return TraceLoader.read(TestTraces.known(tmp.resolve("known")));
    }

    @Test
    void everyEventIsKeptAsColumnsWithAllItsFields() {
        TraceModel m = TraceLoader.read(sample("nic"));
        try (TraceReader r = TraceReader.open(sample("nic"))) {
            EventCursor c = new EventCursor();
            EventCursor back = new EventCursor();
            int rows = 0;
            while (r.next(c)) {
                assertThat(m.events().fill((int) c.seq(), back).sameAs(c, true)).as("row %d", c.seq()).isTrue();
                rows++;
            }
            assertThat(m.eventCount()).isEqualTo(rows);
        }
        assertThat(m.complete()).isTrue();
        assertThat(m.truncationNote()).isNull();
    }

    @Test
    void timesSpreadBeyondAnIntAndWideArgumentsSurvive() {
        Path dir = tmp.resolve("wide");
        long[] times = {5, 3_000_000_000L, 9_000_000_000_000L, 9_000_000_000_001L};
        try (var w = TestTraces.writer(dir)) {
            for (int i = 0; i < times.length; i++) {
                w.event(i, times[i], EventType.MARK.id(), 1, -1, 0, 1, 0, i == 2 ? Long.MAX_VALUE : -i);
            }
        }
        TraceModel m = TraceLoader.read(dir);
        for (int i = 0; i < times.length; i++) {
            assertThat(m.events().time(i)).isEqualTo(times[i]);
            assertThat(m.events().arg(i)).isEqualTo(i == 2 ? Long.MAX_VALUE : -i);
        }
        assertThat(m.events().rowAtTime(3_000_000_000L)).isEqualTo(1);
    }

    @Test
    void spansAreBarsOnTheLaneOfTheirThreadWithTheirObjectAndTimes() {
        TraceModel m = known();
        Lane isr = m.lanes().ofThread(ISR0);
        assertThat(isr.spanCount()).isEqualTo(2);
        assertThat(isr.track(Axis.TIME).start(0)).isEqualTo(1100);
        assertThat(isr.track(Axis.TIME).length(0)).isEqualTo(300);
        assertThat(isr.track(Axis.TIME).length(1)).as("the last ISR never ended").isEqualTo(-1);
        int isrSpan = isr.spanId(0);
        assertThat(m.spans().kind(isrSpan)).isEqualTo(SpanKind.ISR);
        assertThat(m.spans().object(isrSpan)).isEqualTo(INTERRUPT);
        assertThat(m.spans().startRow(isrSpan)).isEqualTo(ROW_ISR_START);
        assertThat(m.spans().endRow(isrSpan)).isEqualTo(ROW_ISR_END);
        int open = isr.spanId(1);
        assertThat(m.spans().endRow(open)).isEqualTo(-1);
        assertThat(m.spans().endTime(open, m.lastTime())).isEqualTo(8000);
        Lane worker = m.lanes().ofThread(WORKER0);
        assertThat(worker.spanCount()).isEqualTo(1);
        assertThat(m.spans().kind(worker.spanId(0))).isEqualTo(SpanKind.CALLBACK);
        assertThat(worker.track(Axis.TIME).length(0)).isEqualTo(4000);
        assertThat(m.lanes().ofThread(CPU0).track(Axis.TIME).length(0)).isEqualTo(500);
    }

    @Test
    void marksTellQueuedFromCoalescedEnqueuesAndShowDeletesAndViolations() {
        TraceModel m = known();
        Lane cpu = m.lanes().ofThread(CPU0);
        assertThat(cpu.marks(MarkKind.QUEUED).toArray()).containsExactly(ROW_ENQUEUE_QUEUED);
        assertThat(cpu.marks(MarkKind.COALESCED).toArray()).containsExactly(ROW_ENQUEUE_COALESCED);
        assertThat(cpu.marks(MarkKind.VIOLATION).toArray()).containsExactly(ROW_VIOLATION);
        assertThat(m.lanes().ofThread(MAIN).marks(MarkKind.DELETE).toArray()).containsExactly(ROW_DELETE);
        assertThat(m.lanes().ofThread(DEVICE).marks(MarkKind.INTERRUPT).toArray()).containsExactly(ROW_INTERRUPT);
        assertThat(m.firstMark(cpu, MarkKind.COALESCED, Axis.TIME, 2150, 0)).isZero();
        assertThat(m.firstMark(cpu, MarkKind.COALESCED, Axis.TIME, 2201, 0)).isEqualTo(1);
    }

    @Test
    void lanesShowEachCpusIsrThenDpcThenWorkersDevicesAndMain() {
        TraceModel m = TraceLoader.read(sample("nic"));
        List<String> names = m.lanes().ordered(m.names()).stream().map(l -> m.names().thread(l.thread())).toList();
        assertThat(names).containsExactly("isr-0", "cpu-0", "isr-1", "cpu-1", "worker-0", "worker-1", "device", "main", "runtime");
    }

    @Test
    void theChainOfACallbackLeadsBackThroughEnqueueDpcAndIsrToTheInterrupt() {
        TraceModel m = known();
        int callback = m.lanes().ofThread(WORKER0).spanId(0);
        RequestChain c = RequestChain.of(m, callback);
        assertThat(c.steps()).extracting(RequestChain.Step::row).containsExactly(ROW_INTERRUPT, ROW_ISR_START,
                ROW_DPC_QUEUE, ROW_DPC_START, ROW_ENQUEUE_QUEUED, ROW_CALLBACK_START);
        assertThat(c.steps()).extracting(RequestChain.Step::isSpan).containsExactly(false, true, false, true, false, true);
        assertThat(c.startsAtInterrupt(m)).isTrue();
        assertThat(c.endTime(m) - c.startTime(m)).as("interrupt -> callback end").isEqualTo(6000);
    }

    @Test
    void theChainOfAnIsrLeadsForwardToTheCallbackItsDpcEnqueued() {
        TraceModel m = known();
        int isr = m.lanes().ofThread(ISR0).spanId(0);
        assertThat(RequestChain.of(m, isr).steps()).extracting(RequestChain.Step::row).containsExactly(ROW_INTERRUPT,
                ROW_ISR_START, ROW_DPC_QUEUE, ROW_DPC_START, ROW_ENQUEUE_QUEUED, ROW_CALLBACK_START);
        assertThat(m.spanOfEvent(ROW_ENQUEUE_COALESCED)).isEqualTo(m.lanes().ofThread(CPU0).spanId(0));
        assertThat(m.spanOfEvent(ROW_DELETE)).isEqualTo(-1);
    }

    @Test
    void everyCallbackOfTheNicSampleChainsBackToItsInterruptWithTheLatencyStatsReports() {
        TraceModel m = TraceLoader.read(sample("nic"));
        LatencySamples chains = m.latency().stage(LatencyStage.INTERRUPT_TO_CALLBACK_END);
        int callbacks = 0;
        for (int s = 0; s < m.spans().count(); s++) {
            if (m.spans().kind(s) != SpanKind.CALLBACK) {
                continue;
            }
            callbacks++;
            RequestChain c = RequestChain.of(m, s);
            assertThat(c.startsAtInterrupt(m)).as("callback span %d", s).isTrue();
            assertThat(c.steps()).hasSize(6);
            int endRow = m.spans().endRow(s);
            long stats = -1;
            for (int i = 0; i < chains.count(); i++) {
                if (chains.endRow(i) == endRow) {
                    stats = chains.duration(i);
                }
            }
            assertThat(c.endTime(m) - c.startTime(m)).isEqualTo(stats);
        }
        assertThat(callbacks).isEqualTo(39);
    }

    @Test
    void latencyPercentilesAreTheOnesStatsPrintsForEverySampleTrace() {
        for (String id : TestTraces.SAMPLES) {
            TraceModel m = TraceLoader.read(sample(id));
            TraceStats stats;
            try (TraceReader r = TraceReader.open(sample(id))) {
                stats = TraceStats.of(r);
            }
            for (LatencyStage s : LatencyStage.values()) {
                Percentiles p = m.latency().stage(s).percentiles();
                assertThat(p).as("%s %s", id, s).isEqualTo(stats.latency(s));
                assertThat(m.latency().stage(s).unmatched()).as("%s %s", id, s).isEqualTo(stats.unmatched(s));
            }
        }
    }

    @Test
    void theEchoSamplesRequestStagesHaveSamplesAndCancelledRequestsCountApart() {
        TraceModel m = TraceLoader.read(sample("echo"));
        TraceStats stats;
        try (TraceReader r = TraceReader.open(sample("echo"))) {
            stats = TraceStats.of(r);
        }
        long cancelled = m.latency().stage(LatencyStage.REQUEST_CANCELLED).count();
        assertThat(cancelled).isPositive().isEqualTo(stats.requestsCancelled());
        assertThat(m.latency().stage(LatencyStage.REQUEST_ARRIVAL_TO_COMPLETE).count())
                .isEqualTo(stats.requestsCompleted() - cancelled).isPositive();
        assertThat(m.latency().stage(LatencyStage.REQUEST_ARRIVAL_TO_DISPATCH).count()).isPositive();
    }

    @Test
    void knownLatenciesAreExact() {
        TraceModel m = known();
        assertThat(m.latency().stage(LatencyStage.ISR_DURATION).sortedDurations()).containsExactly(300);
        assertThat(m.latency().stage(LatencyStage.INTERRUPT_TO_DPC).sortedDurations()).containsExactly(1000);
        assertThat(m.latency().stage(LatencyStage.DPC_DURATION).sortedDurations()).containsExactly(500);
        assertThat(m.latency().stage(LatencyStage.ENQUEUE_TO_START).sortedDurations()).containsExactly(900);
        assertThat(m.latency().stage(LatencyStage.CALLBACK_DURATION).sortedDurations()).containsExactly(4000);
        // stats' SpanBuilder counts the interrupt once per enqueue of the DPC (a queued and a coalesced one here)
        assertThat(m.latency().stage(LatencyStage.INTERRUPT_TO_CALLBACK_END).sortedDurations()).containsOnly(6000);
        assertThat(m.latency().stage(LatencyStage.ISR_DURATION).unmatched()).isEqualTo(1);
        assertThat(m.latency().stage(LatencyStage.CALLBACK_DURATION).endRow(0)).isEqualTo(ROW_CALLBACK_END);
    }

    @Test
    void aCancelledLoadStopsAndSaysSo() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        Path big = tmp.resolve("big");
        try (var w = TestTraces.writer(big)) {
            for (int i = 0; i < TraceLoader.CHECK_EVERY + 10; i++) {
                w.event(i, i, EventType.MARK.id(), 1, -1, 0, 1, 0, i);
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceLoader.load(big, TraceLoader.Mode.READ,
                TraceLoader.Progress.NONE, cancel)).isInstanceOf(LoadCancelledException.class).hasMessageContaining("cancelled");
    }
}
