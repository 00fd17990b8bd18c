package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.RunInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The concurrent trace writer: threads append at once to their own lanes; readers merge them into one order. */
@Timeout(180)
class ConcurrentWriterTest {
    private static final RunInfo INFO = new RunInfo("0.1", "lanes", "test", java.util.Map.of(), EngineKind.LIVE, 1, "live", 4, 1, 0, 0, "jvm", "os");
    private static final int THREADS = 4;
    private static final int PER_THREAD = 25_000;

    @TempDir
    Path tmp;

    /**
     * Four threads, released together, each names itself and appends its events with numbers
     * from the writer; arg = seq * 3 and object = the thread, so every field can be checked.
     */
    private static void writeConcurrently(TraceWriter w, int threads, int perThread, boolean skipOne) throws Exception {
        w.begin(INFO);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await(30, TimeUnit.SECONDS);
                    w.name(w.nextSeq(), 0, thread, NameKind.THREAD, thread, "writer-" + thread);
                    for (int i = 0; i < perThread; i++) {
                        long seq = w.nextSeq();
                        if (skipOne && thread == 0 && i == perThread / 2) {
                            continue; // a number taken and never written: a hole
                        }
                        w.event(seq, seq * 10, EventType.ENQUEUE.id(), thread, -1, 0, thread, i, seq * 3);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventsWrittenByFourThreadsAtOnceReadBackGaplessInOrderWithEveryFieldIntact() throws Exception {
        Path dir = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.concurrent(dir, false)) {
            writeConcurrently(w, THREADS, PER_THREAD, false);
        }
        try (var s = Files.list(dir)) {
            assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("lane-0", "lane-1", "lane-2", "lane-3");
        }
        long total = THREADS * (PER_THREAD + 1L);
        int[] perThread = new int[THREADS];
        int[] nextIndex = new int[THREADS];
        try (TraceReader r = TraceReader.open(dir)) {
            assertThat(r.header().scenarioId()).isEqualTo("lanes");
            assertThat(r.header().formatMajor()).as("a lane trace is format 2: version 1 readers refuse it").isEqualTo(2);
            EventCursor c = new EventCursor();
            long expected = 0;
            while (r.next(c)) {
                assertThat(c.seq()).isEqualTo(expected++);
                if (c.type() == EventType.NAME) {
                    continue;
                }
                assertThat(c.time()).isEqualTo(c.seq() * 10);
                assertThat(c.arg()).isEqualTo(c.seq() * 3);
                assertThat(c.object()).isEqualTo(c.thread());
                assertThat(c.related()).as("a thread's events keep their order").isEqualTo(nextIndex[c.thread()]++);
                perThread[c.thread()]++;
            }
            assertThat(expected).isEqualTo(total);
            assertThat(r.truncated()).isFalse();
            assertThat(r.names().threads()).containsEntry(0, "writer-0").containsEntry(3, "writer-3");
        }
        assertThat(perThread).containsOnly(PER_THREAD);
        try (TraceReader r = TraceReader.open(dir)) {
            TraceStats stats = TraceStats.of(r);
            assertThat(stats.events()).isEqualTo(total);
            assertThat(stats.truncated()).isFalse();
        }
    }

    @Test
    void aRuntimeRecordingThroughTheConcurrentWriterHasALanePerThreadAndReadsBackIdentical() throws Exception {
        for (EngineKind engine : EngineKind.values()) {
            Path dir = tmp.resolve("nic-" + engine);
            MemorySink memory = new MemorySink();
            RoundTripTest.record("nic", RunConfig.builder().engine(engine).seed(2).workers(2).cpus(2).durationNanos(5_000_000L),
                    EventSink.tee(memory, TraceWriter.concurrent(dir, false)));
            try (var s = Files.list(dir)) {
                // virtual time: ISR, DPC, worker, device and main threads all write within the run
                assertThat(s.filter(Files::isDirectory).count()).as("%s: a lane per writing thread", engine)
                        .isGreaterThan(engine == EngineKind.DETERMINISTIC ? 2 : 0);
            }
            assertThat(RoundTripTest.readAll(dir)).as(engine.toString()).isEqualTo(memory.events());
        }
    }

    @Test
    void seekOnALaneTraceLandsOnTheEventAndKnowsTheNamesBeforeIt() throws Exception {
        Path dir = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.concurrent(dir, false)) {
            writeConcurrently(w, 2, 5_000, false);
        }
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            r.seek(7_777);
            assertThat(r.next(c)).isTrue();
            assertThat(c.seq()).isEqualTo(7_777);
            assertThat(r.names().thread(0)).isEqualTo("writer-0");
            assertThat(r.names().thread(1)).isEqualTo("writer-1");
            r.seek(3);
            assertThat(r.next(c)).isTrue();
            assertThat(c.seq()).isEqualTo(3);
            r.seek(1_000_000);
            assertThat(r.next(c)).isFalse();
        }
    }

    @Test
    void aNumberNoLaneHoldsInACompleteTraceIsReportedAsCorruptNamingTheEvent() throws Exception {
        Path dir = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.concurrent(dir, false)) {
            writeConcurrently(w, 2, 1_000, true);
        }
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            assertThatThrownBy(() -> {
                while (r.next(c)) {
                    // reading up to the hole
                }
            }).isInstanceOf(TraceException.class).hasMessageMatching(".* is corrupt after event \\d+: event \\d+ is in none of the 2 lanes");
        }
    }

    @Test
    void aTraceOfAnUnknownMajorVersionIsRefusedWithAMessageSayingSo() throws Exception {
        Path dir = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.create(dir, false)) {
            w.begin(INFO);
            w.event(0, 0, EventType.ENQUEUE.id(), 0, -1, 0, 1, 0, 0);
        }
        Path file;
        try (var s = Files.list(dir)) {
            file = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] magic = {'W', 'D', 'F', 'R'};
        int at = -1;
        for (int i = 0; i + 6 <= bytes.length && at < 0; i++) {
            if (java.util.Arrays.equals(bytes, i, i + 4, magic, 0, 4)) {
                at = i;
            }
        }
        assertThat(at).as("header magic found").isNotNegative();
        assertThat(bytes[at + 4]).as("serial traces stay format 1").isEqualTo((byte) 1);
        bytes[at + 4] = 9;
        Files.write(file, bytes);
        assertThatThrownBy(() -> TraceReader.open(dir)).isInstanceOf(TraceException.class)
                .hasMessage(dir + " uses trace format 9." + dev.wdfrr.tracer.internal.Format.MINOR + "; this wdfrr reads formats 1.x and 2.x: use the wdfrr version that wrote it or a newer one");
    }

    @Test
    void aNumberTakenButNeverWrittenAtTheVeryEndIsAHoleToo() {
        Path dir = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.concurrent(dir, false)) {
            w.begin(INFO);
            w.event(w.nextSeq(), 0, EventType.ENQUEUE.id(), 0, -1, 0, 1, 0, 0);
            w.nextSeq(); // taken, never written
        }
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            assertThat(r.next(c)).isTrue();
            assertThatThrownBy(() -> r.next(c)).isInstanceOf(TraceException.class)
                    .hasMessageEndingWith("is corrupt after event 0: the trace ends at event 0 but its end mark counts 2 events");
        }
    }

    @Test
    void aThreadsNumbersMustIncrease() {
        try (TraceWriter w = TraceWriter.concurrent(tmp.resolve("t"), false)) {
            w.begin(INFO);
            w.event(5, 0, EventType.ENQUEUE.id(), 0, -1, 0, 1, 0, 0);
            assertThatThrownBy(() -> w.event(4, 0, EventType.ENQUEUE.id(), 0, -1, 0, 1, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence number 4 after 5");
        }
    }

    @Test
    void forceReplacesALaneTraceButNothingElse() throws Exception {
        Path dir = tmp.resolve("t");
        try (TraceWriter w = TraceWriter.concurrent(dir, false)) {
            writeConcurrently(w, 2, 100, false);
        }
        assertThatThrownBy(() -> TraceWriter.concurrent(dir, false)).isInstanceOf(TraceException.class).hasMessageContaining("already holds files");
        try (TraceWriter w = TraceWriter.create(dir, true)) {
            w.begin(INFO);
            w.event(0, 0, EventType.ENQUEUE.id(), 0, -1, 0, 1, 0, 0);
        }
        assertThat(Files.exists(dir.resolve("lane-0"))).isFalse();
        assertThat(RoundTripTest.readAll(dir)).hasSize(1);
        Files.createDirectories(dir.resolve("lane-7"));
        Files.writeString(dir.resolve("lane-7").resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> TraceWriter.create(dir, true)).isInstanceOf(TraceException.class)
                .hasMessageContaining("lane-7/notes.txt, which is not part of a trace");
        assertThat(dir.resolve("lane-7").resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aFollowerSeesCommittedLaneEventsWhileTheWriterRunsAndTheEndOnceItCloses() throws Exception {
        Path dir = tmp.resolve("t");
        TraceWriter w = TraceWriter.concurrent(dir, false);
        try {
            writeConcurrently(w, 2, 3_000, false); // several committed batches per lane, the last ones open
            try (TraceReader r = TraceReader.open(dir).recoverTail(false)) {
                EventCursor c = new EventCursor();
                long expected = 0;
                while (r.next(c)) {
                    assertThat(c.seq()).isEqualTo(expected++);
                }
                assertThat(expected).as("committed batches are visible").isGreaterThan(0).isLessThan(6_002);
                assertThat(r.truncated()).isTrue();
                w.close();
                while (r.next(c)) {
                    assertThat(c.seq()).isEqualTo(expected++);
                }
                assertThat(expected).isEqualTo(6_002);
                assertThat(r.truncated()).isFalse();
            }
        } finally {
            w.close();
        }
    }

    @Test
    void twoWritersKilledWithSigkillLeaveATraceReadableUpToTheFirstMissingEvent() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path dir = tmp.resolve("killed-" + round);
            long[] reported = {-1, -1};
            try (ChildJvm child = new ChildJvm(List.of(), LaneWritingChild.class, dir.toString(), "20000")) {
                // Until both threads have reported (on a loaded machine one may start long after
                // the other) and at least a round-dependent number of reports have come.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (int lines = 0; reported[0] < 0 || reported[1] < 0 || lines < 6 + 5 * round; lines++) {
                    long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
                    assertThat(left).as("round %d: both threads reported within 120 s", round).isPositive();
                    String l = child.awaitLine("written ", left);
                    assertThat(l).as("child reported progress").isNotNull();
                    String[] parts = l.split(" ");
                    reported[Integer.parseInt(parts[1])] = Long.parseLong(parts[2]);
                }
                child.kill9();
            }
            assertThat(reported).as("both threads wrote").doesNotContain(-1L);
            // Every number up to the smaller of the two reports was complete in both lanes.
            long completeUpTo = Math.min(reported[0], reported[1]);
            try (TraceReader r = TraceReader.open(dir)) {
                EventCursor c = new EventCursor();
                long expected = 0;
                while (r.next(c)) {
                    assertThat(c.seq()).isEqualTo(expected++);
                    assertThat(c.arg()).isEqualTo(c.seq());
                }
                assertThat(r.lastSeq()).as("round %d", round).isGreaterThanOrEqualTo(completeUpTo);
                assertThat(r.truncated()).isTrue();
                assertThat(r.truncationNote()).hasValue("truncated after event " + r.lastSeq() + " (the writer died or is still writing)");
            }
        }
    }
}
