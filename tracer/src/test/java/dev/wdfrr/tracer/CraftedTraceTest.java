package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Traces crafted to make an analysis quadratic or unbounded (see {@link CraftedTraces}). Each
 * analysis runs in a child JVM with a small heap: it must finish (linear or n·log n work), fit
 * (memory bounded by what the trace needs) and give the right answer, or stop at an explicit
 * limit in one line. Sizes grow with {@code -Dwdfrr.crafted.scale=N}.
 */
@Timeout(300)
class CraftedTraceTest {
    private static final int S = CraftedTraces.SCALE;

    @TempDir
    Path tmp;

    private static String run(String heap, long seconds, String... args) throws Exception {
        try (ChildJvm child = new ChildJvm(List.of("-Xmx" + heap), AnalysisChild.class, args)) {
            String out = child.rest(seconds);
            int exit = child.waitFor(10);
            assertThat(exit).as("the analysis ends normally: %s", out).isZero();
            String result = out.lines().filter(l -> l.startsWith("result") || l.startsWith("error: ")).findFirst().orElse(null);
            assertThat(result).as("%s %s printed its result within %d s with a %s heap: %s", args[0], args[1], seconds, heap, out).isNotNull();
            return result;
        }
    }

    @Test
    void eachInterruptOfADpcThatEnqueuesThousandsOfTimesYieldsOneChainSampleInStatsAndCsv() throws Exception {
        int interrupts = 20_000 * S;
        int callbacks = 20_000 * S;
        Path dir = CraftedTraces.oneDpcManyInterruptsManyCallbacks(tmp.resolve("chains"), interrupts, callbacks);
        // Copying every origin per enqueue held interrupts x callbacks longs (3.2 GB here).
        assertThat(run("64m", 120, "stats", dir.toString())).isEqualTo("result isr_duration=" + interrupts
                + " interrupt_to_dpc=" + interrupts + " dpc_duration=1 enqueue_to_start=" + callbacks
                + " callback_duration=" + callbacks + " interrupt_to_callback_end=" + interrupts
                + " request_arrival_to_dispatch=0 request_dispatch_to_complete=0 request_arrival_to_complete=0 request_cancelled=0");
        long events = 4L * interrupts + 3L * callbacks + 2;
        long spans = interrupts + interrupts + 1 + callbacks + callbacks + interrupts;
        assertThat(run("64m", 120, "csv", dir.toString(), tmp.resolve("chains.csv").toString()))
                .isEqualTo("result events=" + events + " spans=" + spans);
    }

    @Test
    void checkOfManyHeldLocksAndManyCallbacksIsNotQuadratic() throws Exception {
        int n = 100_000 * S;
        Path dir = CraftedTraces.manyHeldLocksManyFrames(tmp.resolve("locks"), n, n);
        // Scanning every held lock at every callback end is 10^10 steps here: far beyond the wait.
        assertThat(run("128m", 90, "check", dir.toString())).isEqualTo("result errors=0 events=" + (3L * n));
    }

    @Test
    void halfAMillionThreadIdsFitASmallHeapInCheckAndPerfettoExport() throws Exception {
        int threads = 500_000 * S;
        Path dir = CraftedTraces.distinctThreads(tmp.resolve("threads"), threads);
        assertThat(run("64m", 120, "check", dir.toString())).isEqualTo("result errors=0 events=" + threads);
        assertThat(run("64m", 120, "perfetto", dir.toString(), tmp.resolve("threads.json").toString()))
                .isEqualTo("result events=" + threads + " slices=0");
    }

    @Test
    void framesNestedBeyondTheLimitStopCheckAndExportInOneLine() throws Exception {
        Path dir = CraftedTraces.nestedFrames(tmp.resolve("nested"), TraceLimits.MAX_OPEN_FRAMES + 1);
        String expected = "error: " + dir + ": more than " + TraceLimits.MAX_OPEN_FRAMES;
        assertThat(run("64m", 60, "check", dir.toString())).startsWith(expected)
                .contains("at event " + TraceLimits.MAX_OPEN_FRAMES + ": beyond wdfrr's limit");
        assertThat(run("64m", 60, "perfetto", dir.toString(), tmp.resolve("nested.json").toString())).startsWith(expected);
        Path fits = CraftedTraces.nestedFrames(tmp.resolve("fits"), TraceLimits.MAX_OPEN_FRAMES);
        assertThat(run("64m", 60, "check", fits.toString())).startsWith("result");
    }

    @Test
    void aWriterRefusesTheThreadBeyondTheLaneLimitAndAReaderATraceWithMoreLanes() throws Exception {
        Path dir = tmp.resolve("lanes");
        int limit = 4; // the writer's limit is TraceLimits.MAX_LANES; a lower one keeps this test light
        TraceWriter w = TraceWriter.concurrent(dir, false, 64 << 10, limit);
        w.begin(new RunInfo("0.1", "lanes", "test", Map.of(), EngineKind.LIVE, 1, "live", 1, 1, 0, 0, "jvm", "os"));
        for (int t = 0; t < limit; t++) {
            onNewThread(() -> w.event(w.nextSeq(), 0, EventType.MARK.id(), 0, -1, 0, 0, 0, 0));
        }
        AtomicReference<Throwable> refused = new AtomicReference<>();
        onNewThread(() -> {
            try {
                w.event(w.nextSeq(), 0, EventType.MARK.id(), 0, -1, 0, 0, 0, 0);
            } catch (TraceLimitException e) {
                refused.set(e);
            }
        });
        w.close();
        assertThat(refused.get()).hasMessage("trace " + dir + ": more than " + limit
                + " threads write it: beyond wdfrr's limit of lanes per trace");
        try (TraceReader r = TraceReader.open(dir)) {
            assertThat(r.header().scenarioId()).isEqualTo("lanes");
        }
        // More lane directories than the reader's limit: it refuses before opening any of them.
        for (int lane = limit; lane <= TraceLimits.MAX_LANES; lane++) {
            Path p = Files.createDirectories(dir.resolve("lane-" + lane));
            Files.createFile(p.resolve("20260101F.cq4"));
        }
        assertThatThrownBy(() -> TraceReader.open(dir)).isInstanceOf(TraceLimitException.class)
                .hasMessage(dir + " has more than " + TraceLimits.MAX_LANES + " lanes (threads that wrote it at once): beyond wdfrr's limit");
    }

    private static void onNewThread(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        t.start();
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
