package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.event.CellKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.KernelEventKind;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.scenarios.BuiltInScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.wdfrr.tracer.HandTrace.CPU0;
import static dev.wdfrr.tracer.HandTrace.DEVICE;
import static dev.wdfrr.tracer.HandTrace.DEVICE_THREAD;
import static dev.wdfrr.tracer.HandTrace.INTERRUPT;
import static dev.wdfrr.tracer.HandTrace.ISR0;
import static dev.wdfrr.tracer.HandTrace.ITEM;
import static dev.wdfrr.tracer.HandTrace.MAIN;
import static dev.wdfrr.tracer.HandTrace.SPIN;
import static dev.wdfrr.tracer.HandTrace.VDEVICE;
import static dev.wdfrr.tracer.HandTrace.WORKER0;
import static dev.wdfrr.tracer.HandTrace.WORKER1;
import static org.assertj.core.api.Assertions.assertThat;

/** The race report: happens-before from the runtime's own synchronization, over hand-made and recorded traces. */
@Timeout(120)
class RaceReportTest {
    @TempDir
    Path tmp;

    private static final int CELL = 20;
    private static final int EVENT = 21;

    private HandTrace trace(String name) {
        HandTrace t = HandTrace.standard(tmp.resolve(name));
        t.object(CELL, "refCount").ev(EventType.CELL_CREATE, MAIN, Irql.PASSIVE, CELL, DEVICE, CellKind.LONG.id());
        return t;
    }

    private static RaceReport.Result report(Path dir) {
        try (TraceReader r = TraceReader.open(dir)) {
            return RaceReport.of(r);
        }
    }

    @Test
    void twoUnorderedWritesAreARaceNamingBothAccessesThreadsAndCallSites() {
        HandTrace t = trace("race");
        t.site(WORKER0, "Driver.io(Driver.java:20)");
        long first = t.write(WORKER0, CELL, 1);
        t.site(WORKER1, "Driver.stop(Driver.java:33)");
        long second = t.write(WORKER1, CELL, 2);
        RaceReport.Result r = report(t.close());
        assertThat(r.races()).hasSize(1);
        RaceReport.Race race = r.races().get(0);
        assertThat(race.earlier()).isEqualTo(new RaceReport.Access(first, "worker-0", true, false, "Driver.io(Driver.java:20)"));
        assertThat(race.later()).isEqualTo(new RaceReport.Access(second, "worker-1", true, false, "Driver.stop(Driver.java:33)"));
        assertThat(race.line()).isEqualTo("data race on 'refCount' (#20): write by worker-0 at event " + first
                + " (Driver.io(Driver.java:20)) and write by worker-1 at event " + second
                + " (Driver.stop(Driver.java:33)) are not ordered by happens-before");
    }

    @Test
    void aReadAndAWriteRaceButTwoReadsDoNot() {
        HandTrace t = trace("rw");
        t.read(WORKER0, CELL, 0);
        t.read(WORKER1, CELL, 0);
        t.write(MAIN, CELL, 1);
        RaceReport.Result r = report(t.close());
        assertThat(r.races()).extracting(x -> x.earlier().thread() + ">" + x.later().thread())
                .containsExactly("worker-0>main", "worker-1>main");
    }

    @Test
    void accessesUnderTheSameSpinLockAreOrdered() {
        HandTrace t = trace("locked");
        t.acquire(WORKER0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.write(WORKER0, CELL, 1);
        t.release(WORKER0, Irql.PASSIVE, SPIN, LockKind.SPIN);
        t.acquire(WORKER1, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.write(WORKER1, CELL, 2);
        t.release(WORKER1, Irql.PASSIVE, SPIN, LockKind.SPIN);
        assertThat(report(t.close()).clean()).isTrue();
    }

    @Test
    void anEnqueueOrdersWhatCameBeforeItBeforeTheCallback() {
        HandTrace t = trace("enqueue");
        t.write(MAIN, CELL, 1);
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.write(WORKER0, CELL, 2);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.FLUSH_START, MAIN, Irql.PASSIVE, ITEM, 0, 0);
        t.ev(EventType.FLUSH_END, MAIN, Irql.PASSIVE, ITEM, 0, 1);
        t.read(MAIN, CELL, 2);
        assertThat(report(t.close()).clean()).isTrue();
    }

    @Test
    void whatTheMainThreadDoesAfterTheEnqueueRacesWithTheCallback() {
        HandTrace t = trace("after-enqueue");
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.write(MAIN, CELL, 1);
        t.callbackStart(WORKER0, ITEM, 1);
        t.read(WORKER0, CELL, 1);
        assertThat(report(t.close()).races()).hasSize(1);
    }

    @Test
    void theInterruptOrdersTheIsrAndTheDpcQueueOrdersTheDpc() {
        HandTrace t = trace("isr-dpc");
        t.ev(EventType.INTERRUPT, DEVICE_THREAD, Irql.PASSIVE, INTERRUPT, VDEVICE, 0);
        t.ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, VDEVICE, 0);
        t.write(ISR0, CELL, 1);
        t.ev(EventType.DPC_QUEUE, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);
        t.ev(EventType.ISR_END, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);
        t.ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.write(CPU0, CELL, 2);
        // the interrupt lock, taken by a worker, is held by every ISR
        t.acquire(WORKER0, Irql.DIRQL, INTERRUPT, LockKind.INTERRUPT);
        t.ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, VDEVICE, 0);
        assertThat(report(t.close()).clean()).isTrue();
    }

    @Test
    void aKernelEventSetOrdersTheWriterBeforeTheWaiterItSatisfied() {
        HandTrace t = trace("event");
        t.object(EVENT, "stopped").ev(EventType.KEVENT_CREATE, MAIN, Irql.PASSIVE, EVENT, DEVICE, KernelEventKind.NOTIFICATION.id());
        t.ev(EventType.KEVENT_WAIT, MAIN, Irql.PASSIVE, EVENT, 0, -1);
        t.write(WORKER0, CELL, 1);
        t.ev(EventType.KEVENT_SET, WORKER0, Irql.PASSIVE, EVENT, 1, 1L << 1);
        t.write(WORKER1, CELL, 5); // not ordered with either
        t.ev(EventType.KEVENT_WAKE, MAIN, Irql.PASSIVE, EVENT, 1, 0);
        t.read(MAIN, CELL, 1);
        RaceReport.Result r = report(t.close());
        assertThat(r.races()).extracting(x -> x.earlier().thread() + ">" + x.later().thread())
                .containsExactly("worker-0>worker-1", "worker-1>main");
    }

    @Test
    void twoInterlockedUpdatesDoNotRaceButAPlainReadOfTheirCellDoes() {
        HandTrace t = trace("atomic");
        t.interlockedIncrement(WORKER0, CELL, 0);
        t.interlockedIncrement(WORKER1, CELL, 1);
        t.read(MAIN, CELL, 2);
        RaceReport.Result r = report(t.close());
        assertThat(r.races()).extracting(x -> x.earlier().describe().startsWith("interlocked write") + " " + x.later().thread())
                .containsExactly("true main");
    }

    @Test
    void anInterlockedHandOffOrdersWhatTheWriterDidBefore() {
        HandTrace t = trace("publish");
        t.object(30, "data").ev(EventType.CELL_CREATE, MAIN, Irql.PASSIVE, 30, DEVICE, CellKind.LONG.id());
        t.write(WORKER0, 30, 42);
        t.interlockedIncrement(WORKER0, CELL, 0);   // release
        t.ev(EventType.MEM_READ, WORKER1, Irql.PASSIVE, CELL, EventType.ATOMIC, 1); // acquire
        t.read(WORKER1, 30, 42);
        assertThat(report(t.close()).clean()).isTrue();
    }

    @Test
    void quiescenceOrdersEveryThreadBeforeTheCaller() {
        HandTrace t = trace("quiescent");
        t.write(WORKER0, CELL, 1);
        t.write(CPU0, CELL, 2); // a race of its own
        t.ev(EventType.QUIESCENT, MAIN, Irql.PASSIVE, 0, 0, 0);
        t.read(MAIN, CELL, 2);
        assertThat(report(t.close()).races()).hasSize(1);
    }

    @Test
    void theHardwaresOwnRegisterAccessesAreNotChecked() {
        HandTrace t = trace("hardware");
        t.ev(EventType.THREAD_START, MAIN, Irql.PASSIVE, DEVICE_THREAD, VDEVICE, 0);
        t.ev(EventType.REG_WRITE, DEVICE_THREAD, Irql.PASSIVE, VDEVICE, 0, 1);
        t.ev(EventType.REG_READ, WORKER0, Irql.PASSIVE, VDEVICE, 0, 1);
        t.ev(EventType.REG_WRITE, WORKER1, Irql.PASSIVE, VDEVICE, 3, 1);
        t.ev(EventType.REG_WRITE, WORKER0, Irql.PASSIVE, VDEVICE, 3, 2);
        RaceReport.Result r = report(t.close());
        assertThat(r.races()).extracting(RaceReport.Race::location).containsExactly("register 3 of 'hw' (#7)");
    }

    @Test
    void aTraceWithMoreThreadsThanTheLimitStopsTheAnalysisWithANote() {
        HandTrace t = trace("threads");
        for (int i = 0; i < dev.wdfrr.tracer.internal.race.RaceDetector.MAX_THREADS + 5; i++) {
            t.read(100 + i, CELL, 0);
        }
        RaceReport.Result r = report(t.close());
        assertThat(r.stopped()).startsWith("race analysis stopped at event ").endsWith("more than 1024 threads");
    }

    @Test
    void checkReportsARaceAsADataRaceFinding() {
        HandTrace t = trace("check");
        t.write(WORKER0, CELL, 1);
        long later = t.write(WORKER1, CELL, 2);
        t.deleteDeviceAndEnd();
        try (TraceReader r = TraceReader.open(t.close())) {
            TraceCheck.Result result = TraceCheck.check(r);
            assertThat(result.count(TraceCheck.DATA_RACE)).isEqualTo(1);
            TraceCheck.Finding f = result.findings().get(0);
            assertThat(f.seq()).isEqualTo(later);
            assertThat(f.line()).startsWith("event " + later + ": ERROR DataRace 'refCount' (#20) on worker-1: data race on 'refCount'");
        }
    }

    /** The lost update of the built-in scenario: two DPCs add to one register without a lock. */
    @Test
    void oneRecordingThatPassedAlreadyShowsTheLostUpdateRace() {
        Scenario s = BuiltInScenarios.create("lost-update").orElseThrow();
        RunResult passed = null;
        MemorySink events = null;
        for (long seed = 1; seed < 200 && passed == null; seed++) {
            MemorySink sink = new MemorySink();
            RunResult r = WdfRunner.run(BuiltInScenarios.create("lost-update").orElseThrow(), RunConfig.builder()
                    .engine(EngineKind.DETERMINISTIC).strategy(new RandomStrategy(seed)).seed(seed).sink(sink).build());
            if (r.passed()) {
                passed = r;
                events = sink;
            }
        }
        assertThat(passed).as("a passing schedule of " + s.id()).isNotNull();
        RaceReport.Result r = RaceReport.of(events);
        assertThat(r.races()).isNotEmpty();
        assertThat(r.races()).allSatisfy(race -> {
            assertThat(race.location()).startsWith("register 2 of 'port0'");
            assertThat(race.earlier().thread()).startsWith("cpu-");
            assertThat(race.later().thread()).startsWith("cpu-").isNotEqualTo(race.earlier().thread());
        });
    }

    @Test
    void theCleanBuiltInScenariosHaveNoRaceUnderManySchedules() {
        for (String id : new String[]{"nic", "dma", "sensor", "usb-reset"}) {
            for (long seed = 1; seed <= 20; seed++) {
                MemorySink sink = new MemorySink();
                WdfRunner.run(BuiltInScenarios.create(id).orElseThrow(), RunConfig.builder().engine(EngineKind.DETERMINISTIC)
                        .strategy(new RandomStrategy(seed)).seed(seed).durationNanos(1_000_000).sink(sink).build());
                RaceReport.Result r = RaceReport.of(sink);
                assertThat(r.races()).as(id + " seed " + seed + ": " + r.summary(3)).isEmpty();
            }
        }
    }
}
