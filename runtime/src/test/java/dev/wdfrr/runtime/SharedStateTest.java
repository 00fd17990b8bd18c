package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.event.CellKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/shared-state.md, "Traced cells": every access a scheduling point, its value in its event. */
@Timeout(60)
class SharedStateTest {
    @Test
    void everyAccessIsTracedWithItsValueAndInterlockedOnesAreMarked() {
        var r = Scenarios.run(rt -> {
            LongCell c = rt.longCell("refCount", 5);
            c.set(7);
            c.get();
            c.incrementAndGet();
            c.compareAndSet(0, 1); // fails: a read, no write
            c.compareAndSet(8, 8); // succeeds: the write happens even with the same value
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<String> mem = new ArrayList<>();
        for (Event e : r.events()) {
            if (e.type() == EventType.MEM_READ || e.type() == EventType.MEM_WRITE) {
                mem.add(e.type().wireName() + (e.related() == EventType.ATOMIC ? "*" : "") + " " + e.arg());
            }
        }
        assertThat(mem).containsExactly("mem_write 7", "mem_read 7", "mem_read* 7", "mem_write* 8", "mem_read* 8",
                "mem_read* 8", "mem_write* 8");
        Event create = r.of(EventType.CELL_CREATE).get(0);
        assertThat(create.arg()).isEqualTo(CellKind.LONG.id());
        assertThat(r.sink().nameOf(NameKind.OBJECT, create.object())).isEqualTo("refCount");
    }

    @Test
    void aCallSiteNamesTheDriverLineRightBeforeTheAccess() {
        var r = Scenarios.run(rt -> {
            BooleanCell stopping = rt.booleanCell("stopping", false);
            stopping.set(true);
        });
        List<Event> events = r.events();
        int write = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == EventType.MEM_WRITE) {
                write = i;
            }
        }
        Event site = events.get(write - 1);
        assertThat(site.type()).isEqualTo(EventType.CALL_SITE);
        assertThat(r.sink().nameOf(NameKind.SITE, site.related()))
                .startsWith("SharedStateTest.lambda$aCallSiteNamesTheDriverLineRightBeforeTheAccess$").contains("(SharedStateTest.java:");
        var without = Scenarios.run(RunConfig.builder().callSites(false), rt -> rt.booleanCell("x", false).set(true));
        assertThat(without.of(EventType.CALL_SITE)).isEmpty();
    }

    @Test
    void aReferenceIsTracedByTheIdentityTheRunGaveItAndComparedByIdentity() {
        List<Boolean> swaps = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            String a = new String("a");
            String b = new String("b");
            RefCell<String> current = rt.refCell("current", null);
            current.set(a);
            current.set(b);
            current.set(a);
            swaps.add(current.compareAndSet(new String("a"), b)); // equal, not the same object
            swaps.add(current.compareAndSet(a, null));
        });
        assertThat(swaps).containsExactly(false, true);
        assertThat(r.of(EventType.MEM_WRITE)).extracting(Event::arg).containsExactly(1L, 2L, 1L, 0L);
    }

    /** Two threads add one each with a plain read and write: some schedule interleaves them. */
    @Test
    void plainAccessesToACellAreInterleavedSoALostUpdateIsFound() {
        int lost = 0;
        for (long seed = 1; seed <= 60; seed++) {
            long[] result = {0};
            Scenarios.run(RunConfig.builder().strategy(new RandomStrategy(seed)), rt -> {
                LongCell count = rt.longCell("count", 0);
                for (int t = 0; t < 2; t++) {
                    rt.startThread("adder-" + t, () -> count.set(count.get() + 1));
                }
                rt.awaitQuiescent();
                result[0] = count.get();
            });
            if (result[0] == 1) {
                lost++;
            }
        }
        assertThat(lost).as("schedules that lost an update").isPositive();
    }

    @Test
    void interlockedIncrementsNeverLoseAnUpdate() {
        for (long seed = 1; seed <= 30; seed++) {
            long[] result = {0};
            Scenarios.run(RunConfig.builder().strategy(new RandomStrategy(seed)), rt -> {
                LongCell count = rt.longCell("count", 0);
                for (int t = 0; t < 3; t++) {
                    rt.startThread("adder-" + t, count::incrementAndGet);
                }
                rt.awaitQuiescent();
                result[0] = count.get();
            });
            assertThat(result[0]).isEqualTo(3);
        }
    }

    @Test
    void theSameSeedGivesTheSameValuesInEveryRunAndTheLiveEngineCountsExactly() {
        Scenarios.Body body = rt -> {
            LongCell count = rt.longCell("count", 0);
            for (int t = 0; t < 3; t++) {
                rt.startThread("adder-" + t, () -> {
                    for (int i = 0; i < 50; i++) {
                        count.set(count.get() + 1);
                    }
                });
            }
            rt.awaitQuiescent();
        };
        var a = Scenarios.run(RunConfig.builder().strategy(new RandomStrategy(9)), body);
        var b = Scenarios.run(RunConfig.builder().strategy(new RandomStrategy(9)), body);
        assertThat(b.of(EventType.MEM_WRITE)).extracting(Event::arg).isEqualTo(a.of(EventType.MEM_WRITE).stream().map(Event::arg).toList());
        long[] live = {0};
        Scenarios.run(RunConfig.builder().engine(EngineKind.LIVE), rt -> {
            LongCell count = rt.longCell("count", 0);
            for (int t = 0; t < 3; t++) {
                rt.startThread("adder-" + t, () -> {
                    for (int i = 0; i < 200; i++) {
                        count.incrementAndGet();
                    }
                });
            }
            rt.awaitQuiescent();
            live[0] = count.get();
        });
        assertThat(live[0]).isEqualTo(600);
    }

    @Test
    void awaitQuiescentAndJoinAreTraced() {
        var r = Scenarios.run(rt -> {
            ScenarioThread t = rt.startThread("worker", () -> rt.work(100));
            t.join();
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(r.types()).containsSubsequence(EventType.THREAD_START, EventType.THREAD_END, EventType.THREAD_JOIN,
                EventType.QUIESCENT);
    }
}
