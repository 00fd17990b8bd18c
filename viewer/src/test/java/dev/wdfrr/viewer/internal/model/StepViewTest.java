package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.viewer.TestTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.wdfrr.viewer.TestTraces.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The model behind the step view: steps, spans along steps, causal edges, the outcome and what led to it. */
@Timeout(60)
class StepViewTest {
    @TempDir
    Path tmp;

    @Test
    void stepsSkipNamesAndMapBothWays() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        // rows 0-7 are names: the interrupt at row 8 is the first step
        assertThat(m.steps().count()).isEqualTo(EVENTS - 8);
        assertThat(m.steps().step(ROW_INTERRUPT)).isZero();
        assertThat(m.steps().step(ROW_LAST_ISR)).isEqualTo(EVENTS - 9);
        for (int s = 0; s < m.steps().count(); s++) {
            int row = m.steps().row(s);
            assertThat(m.events().typeId(row)).isNotEqualTo(EventType.NAME.id());
            assertThat(m.steps().step(row)).isEqualTo(s);
        }
        assertThat(m.steps().row(-5)).as("clamped").isEqualTo(ROW_INTERRUPT);
        assertThat(m.position(Axis.STEP, ROW_ISR_START)).isEqualTo(1.5);
    }

    @Test
    void aSpanCoversItsStepsFromStartToEndInclusive() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        Lane cpu = m.lanes().ofThread(CPU0);
        LaneTrack steps = cpu.track(Axis.STEP);
        assertThat(steps.start(0)).isEqualTo(m.steps().step(ROW_DPC_START));
        assertThat(steps.length(0)).as("dpc_start, two enqueues, a violation, dpc_end").isEqualTo(5);
        int span = cpu.spanId(0);
        assertThat(m.spanEnd(Axis.STEP, span) - m.spanStart(Axis.STEP, span)).isEqualTo(5);
        int open = m.lanes().ofThread(ISR0).spanId(1);
        assertThat(m.spanEnd(Axis.STEP, open)).as("an open span runs to the last step").isEqualTo(m.steps().count());
        assertThat(m.last(Axis.STEP)).isEqualTo(m.steps().count());
    }

    @Test
    void aDeterministicTraceOpensInStepsALiveOneInTime() {
        assertThat(Axis.defaultFor(EngineKind.DETERMINISTIC)).isEqualTo(Axis.STEP);
        assertThat(Axis.defaultFor(EngineKind.LIVE)).isEqualTo(Axis.TIME);
    }

    @Test
    void causesLinkLockReleaseToTheNextAcquireElsewhereAndWritesToReadsElsewhere() {
        TraceModel m = TraceLoader.read(TestTraces.sample("nic"));
        List<int[]> lock = new ArrayList<>();
        List<int[]> data = new ArrayList<>();
        m.causes().into(0, m.eventCount(), (from, to, kind) -> (kind == CauseKind.LOCK ? lock : data).add(new int[]{from, to}));
        assertThat(lock).isNotEmpty();
        assertThat(data).isNotEmpty();
        for (int[] e : lock) {
            assertThat(m.events().typeId(e[0])).isEqualTo(EventType.LOCK_RELEASE.id());
            assertThat(m.events().typeId(e[1])).isEqualTo(EventType.LOCK_ACQUIRE.id());
            assertThat(m.events().object(e[0])).isEqualTo(m.events().object(e[1]));
            assertThat(m.events().thread(e[0])).isNotEqualTo(m.events().thread(e[1]));
            for (int r = e[0] + 1; r < e[1]; r++) { // the release is the last one before the acquire
                assertThat(m.events().typeId(r) == EventType.LOCK_RELEASE.id() && m.events().object(r) == m.events().object(e[0]))
                        .isFalse();
            }
        }
        for (int[] e : data) {
            assertThat(m.events().typeId(e[0])).isEqualTo(EventType.REG_WRITE.id());
            assertThat(m.events().typeId(e[1])).isEqualTo(EventType.REG_READ.id());
            assertThat(m.events().arg(e[1])).as("the read sees the value written").isEqualTo(m.events().arg(e[0]));
        }
        int[] into = new int[1];
        m.causes().into(lock.get(0)[1], lock.get(0)[1] + 1, (from, to, kind) -> into[0]++);
        assertThat(into[0]).as("a range query finds the edge into its row").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theOutcomeIsTheRunEndAndTheFailureEvent() {
        TraceModel failing = TraceLoader.read(TestTraces.lostUpdate());
        assertThat(failing.outcome()).isEqualTo(FailureKind.INVARIANT);
        assertThat(failing.events().typeId(failing.failureRow())).isEqualTo(EventType.FAILURE.id());
        assertThat(failing.outcomeText()).isEqualTo("failed: invariant violated: invariant of lost-update violated: "
                + "RX_TOTAL is 5 after 6 DPC runs: an update was lost");
        TraceModel passing = TraceLoader.read(TestTraces.sample("nic"));
        assertThat(passing.outcomeText()).isEqualTo("passed");
        assertThat(passing.failureRow()).isEqualTo(-1);
        TraceModel cut = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        assertThat(cut.outcome()).as("no run_end").isNull();
        assertThat(cut.outcomeText()).startsWith("failed: KmdfIrql: something").contains("no run end recorded");
    }

    /**
     * The sample's DPCs: cpu-1 reads RX_TOTAL (51), cpu-0 reads it (53), cpu-1 writes 1 (56), cpu-0
     * writes 1 (58). The race report's pair on the register the failing check read is the two
     * writes: that is what the viewer shows, with both call sites.
     */
    @Test
    void whatLedToALostUpdateIsTheRaceReportsPairTheCheckAndTheFailure() {
        TraceModel m = TraceLoader.read(TestTraces.lostUpdate());
        WhatLedHere led = WhatLedHere.of(m);
        int f = m.failureRow();
        int check = f - 2; // main reads RX_TOTAL, then names the failure's text, then fails
        assertThat(m.events().typeId(check)).isEqualTo(EventType.REG_READ.id());
        assertThat(led.rows()).containsExactly(56, 58, check, f);
        assertThat(led.summary()).isEqualTo("data race on register 2 of 'port0' (#4): write by cpu-1 at #56 and write by cpu-0 at #58"
                + " are not ordered by happens-before");
        assertThat(led.describe(m)).contains("#56    cpu-1     reg_write 'port0' (#4) reg 2 <- 1  (races with #58, from "
                + "LostUpdateScenario.countFrame(LostUpdateScenario.java:", "#58    cpu-0     reg_write 'port0' (#4) reg 2 <- 1  "
                + "(races with #56, from LostUpdateScenario.countFrame(LostUpdateScenario.java:");
        assertThat(racePairs(TestTraces.lostUpdate())).as("the pair is one the race report lists").contains("56-58");
        assertThat(WhatLedHere.of(TraceLoader.read(TestTraces.sample("nic")))).isSameAs(WhatLedHere.NONE);
    }

    /** A driver's traced cell raced by two threads: the pair is the race report's, with the driver's call sites. */
    @Test
    void whatLedToARaceOnATracedCellIsTheRaceReportsPairWithItsCallSites() {
        Path trace = recordFailing(false, tmp.resolve("cell-race"));
        TraceModel m = TraceLoader.read(trace);
        WhatLedHere led = WhatLedHere.of(m);
        int[] rows = led.rows();
        assertThat(rows[rows.length - 1]).isEqualTo(m.failureRow());
        int earlier = rows[0];
        int later = rows[1];
        assertThat(racePairs(trace)).contains(earlier + "-" + later);
        assertThat(m.events().thread(earlier)).isNotEqualTo(m.events().thread(later));
        for (int r : new int[]{earlier, later}) {
            assertThat(Access.of(m.events().typeId(r))).isNotNull();
            assertThat(m.names().object(m.events().object(r))).isEqualTo("total");
        }
        assertThat(led.summary()).matches("data race on 'total' \\(#\\d+\\): (read|write) by adder-[12] at #" + earlier
                + " and (read|write) by adder-[12] at #" + later + " are not ordered by happens-before");
        assertThat(led.describe(m)).contains("(races with #" + later + ", from StepViewTest$CellAdders.add(StepViewTest.java:",
                "(races with #" + earlier + ", from StepViewTest$CellAdders.add(StepViewTest.java:", "(the failure)");
    }

    /**
     * The same adds, each read and each write under a wait lock but in two critical sections: an
     * update is lost without a data race, so what led here is today's analysis, both read-modify-writes.
     */
    @Test
    void aLostUpdateWithoutADataRaceGetsTheReadModifyWrites() {
        Path trace = recordFailing(true, tmp.resolve("cell-locked"));
        assertThat(racePairs(trace)).as("the lock orders every access").isEmpty();
        TraceModel m = TraceLoader.read(trace);
        WhatLedHere led = WhatLedHere.of(m);
        assertThat(led.summary()).startsWith("lost update of cell 'total' (#").contains(" from its stale read");
        long accesses = java.util.Arrays.stream(led.rows()).filter(r -> Access.of(m.events().typeId(r)) != null
                && m.names().object(m.events().object(r)).equals("total")).count();
        assertThat(accesses).as("two reads, two writes, and the check's read").isEqualTo(5);
        assertThat(led.describe(m)).contains("(writes it: this update is lost)").doesNotContain("races with");
    }

    /** Race pairs the tracer's report finds in {@code trace}, as "earlier-later" event numbers. */
    private static List<String> racePairs(Path trace) {
        try (dev.wdfrr.tracer.TraceReader r = dev.wdfrr.tracer.TraceReader.open(trace)) {
            return dev.wdfrr.tracer.RaceReport.of(r).races().stream().map(x -> x.earlier().seq() + "-" + x.later().seq()).toList();
        }
    }

    /** Records {@link CellAdders} under seeds 1, 2, … until a run loses an update (the same trace every time). */
    private static Path recordFailing(boolean locked, Path dir) {
        for (long seed = 1; seed <= 200; seed++) {
            Path attempt = dir.resolveSibling(dir.getFileName() + "-seed" + seed);
            CellAdders s = new CellAdders(locked);
            var result = dev.wdfrr.runtime.WdfRunner.run(s, dev.wdfrr.runtime.Parameters.of(s, java.util.Map.of()),
                    dev.wdfrr.runtime.RunConfig.builder().seed(seed).sink(dev.wdfrr.tracer.TraceWriter.create(attempt, false)).build());
            if (!result.passed()) {
                return attempt;
            }
        }
        throw new AssertionError("no schedule of seeds 1 to 200 lost an update");
    }

    /** A driver's two threads each add one to a traced cell: read, then write back (optionally each under a wait lock). */
    public static final class CellAdders implements dev.wdfrr.runtime.Scenario {
        private final boolean locked;
        private dev.wdfrr.runtime.mem.LongCell total;

        public CellAdders() {
            this(false);
        }

        CellAdders(boolean locked) {
            this.locked = locked;
        }

        @Override
        public String id() {
            return "cell-adders";
        }

        @Override
        public String description() {
            return "two threads add one to a traced cell each";
        }

        @Override
        public void run(dev.wdfrr.runtime.WdfRuntime rt, dev.wdfrr.runtime.Parameters params) {
            total = rt.longCell("total", 0);
            dev.wdfrr.runtime.wdf.WaitLock lock = locked ? rt.createWaitLock(rt.driver(), "total-lock") : null;
            var a = rt.startThread("adder-1", () -> add(lock));
            var b = rt.startThread("adder-2", () -> add(lock));
            a.join();
            b.join();
        }

        private void add(dev.wdfrr.runtime.wdf.WaitLock lock) {
            if (lock != null) {
                lock.acquire();
            }
            long seen = total.get();
            if (lock != null) {
                lock.release();
                lock.acquire();
            }
            total.set(seen + 1);
            if (lock != null) {
                lock.release();
            }
        }

        @Override
        public String checkInvariant() {
            long t = total.get();
            return t == 2 ? null : "total is " + t + " after 2 adds: an update was lost";
        }
    }

    @Test
    void whatLedToAUseAfterDeleteIsTheDeleteAndTheLateUse_FxObjectDelete() {
        TraceModel m = TraceLoader.read(TestTraces.recordFailing("stale-handle", tmp.resolve("stale")));
        WhatLedHere led = WhatLedHere.of(m);
        int[] rows = led.rows();
        assertThat(m.events().typeId(rows[0])).isEqualTo(EventType.DELETE.id());
        assertThat(m.names().thread(m.events().thread(rows[0]))).isEqualTo("main");
        assertThat(rows[rows.length - 1]).isEqualTo(m.failureRow());
        assertThat(java.util.Arrays.stream(rows).anyMatch(r -> m.events().typeId(r) == EventType.VIOLATION.id()
                && m.events().object(r) == m.events().object(rows[0]))).as("the verifier's UseAfterDelete on the DPC's enqueue").isTrue();
        assertThat(led.summary()).startsWith("'refill' (#4) deleted at #" + rows[0] + " by main");
    }

    @Test
    void whatLedToADeleteWaitingOnItselfIncludesTheInstanceRunningAcrossIt_FxWorkItemFlushAndWait() {
        TraceModel m = TraceLoader.read(TestTraces.recordFailing("self-flush-hang", tmp.resolve("hang")));
        WhatLedHere led = WhatLedHere.of(m);
        int delete = -1;
        int otherInstance = -1;
        for (int row : led.rows()) {
            if (m.events().typeId(row) == EventType.DELETE.id()) {
                delete = row;
            } else if (m.events().typeId(row) == EventType.CALLBACK_START.id()) {
                otherInstance = row;
            }
        }
        assertThat(delete).isPositive();
        assertThat(otherInstance).as("the later instance on the other worker").isPositive();
        assertThat(m.events().thread(otherInstance)).isNotEqualTo(m.events().thread(delete));
        assertThat(led.contains(m.failureRow())).isTrue();
    }

    /**
     * Traced cells and kernel events (issue 14's event types), in a hand-made trace: t1 and t2 each
     * add to cell 'total' without a lock (t2's update is lost: of the three races, the two writes
     * are what led here), t1 sets event 'ready', t2 wakes from its wait on it and checks 'total'.
     */
    @Test
    void cellsAndKernelEventsLinkAcrossThreadsAndTheRaceThatLostACellUpdateIsWhatLedHere() {
        Path dir = tmp.resolve("cells");
        int t1 = 1;
        int t2 = 2;
        int total = 30;
        int ready = 40;
        try (dev.wdfrr.tracer.TraceWriter w = TestTraces.writer(dir)) {
            long[] seq = {0};
            w.name(seq[0]++, 0, 0, dev.wdfrr.runtime.event.NameKind.THREAD, t1, "t1");
            w.name(seq[0]++, 0, 0, dev.wdfrr.runtime.event.NameKind.THREAD, t2, "t2");
            w.name(seq[0]++, 0, 0, dev.wdfrr.runtime.event.NameKind.OBJECT, total, "total");
            w.name(seq[0]++, 0, 0, dev.wdfrr.runtime.event.NameKind.OBJECT, ready, "ready");
            w.name(seq[0]++, 0, 0, dev.wdfrr.runtime.event.NameKind.STRING, 1, "total is 1 after 2 updates");
            java.util.function.BiConsumer<EventType, long[]> ev = (type, a) ->
                    w.event(seq[0]++, 0, type.id(), (int) a[0], -1, 0, (int) a[1], (int) a[2], a[3]);
            ev.accept(EventType.CELL_CREATE, new long[]{t1, total, 0, 1}); // 5
            ev.accept(EventType.MEM_READ, new long[]{t1, total, 0, 0}); // 6
            ev.accept(EventType.MEM_READ, new long[]{t2, total, 0, 0}); // 7
            ev.accept(EventType.MEM_WRITE, new long[]{t2, total, 0, 1}); // 8
            ev.accept(EventType.MEM_WRITE, new long[]{t1, total, 0, 1}); // 9
            ev.accept(EventType.KEVENT_SET, new long[]{t1, ready, 1, 0}); // 10
            ev.accept(EventType.KEVENT_WAIT, new long[]{t2, ready, 0, -1}); // 11
            ev.accept(EventType.KEVENT_WAKE, new long[]{t2, ready, 1, 0}); // 12
            ev.accept(EventType.CALL_SITE, new long[]{t2, 0, 1, 0}); // 13
            ev.accept(EventType.MEM_READ, new long[]{t2, total, 0, 1}); // 14
            ev.accept(EventType.FAILURE, new long[]{t2, 0, 1, FailureKind.INVARIANT.id()}); // 15
            ev.accept(EventType.RUN_END, new long[]{t2, 0, 0, FailureKind.INVARIANT.id()}); // 16
        }
        TraceModel m = TraceLoader.read(dir);
        List<String> edges = new ArrayList<>();
        m.causes().into(0, m.eventCount(), (from, to, kind) -> edges.add(from + "->" + to + " " + kind));
        assertThat(edges).containsExactly("10->12 EVENT", "9->14 DATA");
        assertThat(m.steps().step(14) - m.steps().step(12)).as("a call site is not a step of its own").isEqualTo(1);
        WhatLedHere led = WhatLedHere.of(m);
        assertThat(led.rows()).as("the race that lost t2's update, the check, the failure").containsExactly(8, 9, 14, 15);
        assertThat(led.summary()).isEqualTo("data race on 'total' (#30): write by t2 at #8 and write by t1 at #9 "
                + "are not ordered by happens-before");
    }
}
