package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class DeterministicEngineTest {
    /** Two DPCs race on a register; a work item per interrupt; enough choice points to differ per seed. */
    static void racy(WdfRuntime rt) {
        WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
        List<VirtualDevice> hws = new ArrayList<>();
        WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(rt.random().nextInt(3_000)), false),
                ObjectAttributes.parent(dev));
        for (int cpu = 0; cpu < 2; cpu++) {
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw" + cpu, new InterruptSource.Poisson(200_000, cpu),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(5).targetCpu(cpu).registers("COUNT"));
            hws.add(hw);
        }
        VirtualDevice shared = hws.get(0);
        int count = shared.register("COUNT");
        for (VirtualDevice hw : hws) {
            dev.createInterrupt(InterruptConfig.of("int-" + hw.name(), hw, in -> {
                hw.write(VirtualDevice.STATUS, 0);
                in.queueDpcForIsr();
                return true;
            }).dpc(in -> {
                shared.write(count, shared.read(count) + 1);
                w.enqueue();
            }));
        }
        hws.forEach(VirtualDevice::start);
        rt.awaitQuiescent();
        rt.removeDevice(dev);
    }

    @Test
    void theSameSeedGivesTheSameEventSequenceAHundredTimes() {
        List<Event> first = Scenarios.run(RunConfig.builder().seed(42), DeterministicEngineTest::racy).events();
        assertThat(first.size()).isGreaterThan(100);
        for (int i = 0; i < 100; i++) {
            assertThat(Scenarios.run(RunConfig.builder().seed(42), DeterministicEngineTest::racy).events())
                    .as("run %d", i).isEqualTo(first);
        }
    }

    @Test
    void differentSeedsGiveDifferentInterleavings() {
        Set<List<Integer>> schedules = new HashSet<>();
        for (long seed = 1; seed <= 10; seed++) {
            List<Integer> threads = new ArrayList<>();
            for (Event e : Scenarios.run(RunConfig.builder().seed(seed), DeterministicEngineTest::racy).events()) {
                threads.add(e.thread());
            }
            schedules.add(threads);
        }
        assertThat(schedules).hasSizeGreaterThan(5);
    }

    @Test
    void virtualTimeAdvancesOnlyByModelledWork() {
        List<Long> clocks = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            clocks.add(rt.clock());
            rt.work(1_500);
            clocks.add(rt.clock());
            rt.startThread("t", () -> rt.work(10_000));
            rt.awaitQuiescent();
            clocks.add(rt.clock());
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(clocks).containsExactly(0L, 1_500L, 11_500L);
    }

    @Test
    void deadlockDetectionNamesEachBlockedThreadAndWhatItWaitsFor() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WaitLock lock = rt.createWaitLock(dev, "config-lock");
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> {
                lock.acquire();
                lock.release();
            }), ObjectAttributes.parent(dev).name("apply-config"));
            lock.acquire();
            w.enqueue();
            rt.work(1_000); // the callback starts and blocks on the lock
            w.flush();      // main holds the lock and waits for the callback: deadlock
            lock.release();
        });
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).startsWith("no thread can run: main waits for flush of work item 'apply-config' (#5)")
                .containsPattern("worker-\\d waits for wait lock 'config-lock' \\(#4\\) held by main");
        assertThat(r.types()).endsWith(EventType.FAILURE, EventType.RUN_END);
    }

    /** Records what every decision offered: thread name, pending operation, timed or not. */
    static final class Offered implements dev.wdfrr.runtime.engine.Strategy {
        final dev.wdfrr.runtime.engine.RandomStrategy random;
        final List<String> offered = new ArrayList<>();

        Offered(long seed) {
            random = new dev.wdfrr.runtime.engine.RandomStrategy(seed);
        }

        @Override
        public int pick(List<? extends dev.wdfrr.runtime.engine.ThreadView> enabled, long step) {
            for (dev.wdfrr.runtime.engine.ThreadView t : enabled) {
                offered.add(t.threadName() + " " + t.pendingOperation().wireName() + (t.timedWait() ? " (timed)" : ""));
            }
            return random.pick(enabled, step);
        }

        @Override
        public String describe() {
            return "offered";
        }
    }

    @Test
    void stepsNoOtherThreadCanSeeAreNoChoice_startsIdleLoopsAndDueSleeps() {
        for (long seed = 1; seed <= 20; seed++) {
            Offered strategy = new Offered(seed);
            var r = Scenarios.run(RunConfig.builder().seed(seed).strategy(strategy), rt -> {
                VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("counter", new InterruptSource.Scripted(new long[0]),
                        (d, i) -> { }).maxArrivals(0).registers("TOTAL"));
                int total = hw.register("TOTAL");
                for (int port = 0; port < 2; port++) {
                    rt.startThread("port-" + port, () -> {
                        rt.work(1_000); // both wake at the same instant
                        hw.write(total, hw.read(total) + 1);
                    });
                }
                rt.awaitQuiescent();
            });
            assertThat(r.result().passed()).as(r.result().summary()).isTrue();
            // Workers, DPC and ISR threads never have work here: starting and going idle is no choice.
            assertThat(strategy.offered).noneMatch(o -> o.startsWith("worker-") || o.startsWith("cpu-") || o.startsWith("isr-"));
            // A thread's first steps (to its first runtime call) and a due wake-up are no choice either.
            assertThat(strategy.offered).noneMatch(o -> o.startsWith("port-") && o.contains("thread_start"));
            assertThat(strategy.offered).noneMatch(o -> o.endsWith("(timed)"));
            // What is offered is the ports' register accesses (and main's own steps).
            assertThat(strategy.offered).anyMatch(o -> o.startsWith("port-") && o.contains("reg_read"));
        }
    }

    @Test
    void aCallbackSlotTheDriverLeftEmptyIsNoChoice_FxPnpCallbacksInvoke() {
        for (long seed = 1; seed <= 20; seed++) {
            for (boolean registered : new boolean[]{false, true}) {
                Offered strategy = new Offered(seed);
                var r = Scenarios.run(RunConfig.builder().seed(seed).strategy(strategy), rt -> {
                    PnpPowerCallbacks callbacks = PnpPowerCallbacks.none();
                    if (registered) {
                        callbacks = callbacks.selfManagedIoSuspend(d -> NtStatus.SUCCESS.code());
                    }
                    WdfDevice device = rt.createDevice(DeviceConfig.named("dev").pnpPower(callbacks));
                    device.schedulePnp(PnpArrival.at(PnpAction.STOP, 1_000));
                    LongCell cell = rt.longCell("busy", 0);
                    rt.startThread("busy", () -> {
                        rt.work(1_000); // due with the stop
                        for (int i = 0; i < 5; i++) {
                            cell.set(i);
                        }
                    });
                    rt.awaitQuiescent();
                });
                assertThat(r.result().passed()).as(r.result().summary()).isTrue();
                // The framework calls nothing in an empty slot: the PnP thread is offered at its
                // callback steps only where the driver registered one (here EvtDeviceSelfManagedIoSuspend).
                if (registered) {
                    assertThat(strategy.offered).anyMatch(o -> o.startsWith("pnp-dev evt_callback_start"));
                } else {
                    assertThat(strategy.offered).noneMatch(o -> o.startsWith("pnp-dev evt_callback_start"));
                }
            }
        }
    }

    @Test
    void theStepLimitStopsALivelock() {
        var r = Scenarios.run(RunConfig.builder().stepLimit(5_000), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(WorkItem::enqueue), ObjectAttributes.parent(dev).name("spinner"));
            w.enqueue();
            w.flush(); // never returns: the item keeps re-queueing itself
        });
        assertThat(r.result().failure()).isEqualTo(FailureKind.STEP_LIMIT);
        assertThat(r.result().message()).startsWith("stopped after 5000 scheduling steps").contains("main waits for flush");
        // The limit counts every scheduling point; the result reports the strategy's decisions, which
        // leave out the steps taken without a choice (each thread's start up to its first runtime call).
        assertThat(r.result().steps()).isBetween(4_950L, 5_000L);
    }

    @Test
    void aThreadBlockedOutsideTheRuntimeIsReportedAsStalledNotAHang() {
        CountDownLatch never = new CountDownLatch(1);
        MemorySink sink = new MemorySink();
        RunResult r = WdfRunner.run(Scenarios.of(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> never.await()), ObjectAttributes.parent(dev));
            w.enqueue();
            w.flush();
        }), RunConfig.builder().sink(sink).stallTimeoutNanos(300_000_000L).build());
        assertThat(r.failure()).isEqualTo(FailureKind.STALLED);
        assertThat(r.message()).containsPattern("worker-\\d made no runtime call for 300 ms")
                .contains("blocked outside the runtime", "CountDownLatch");
    }

    @Test
    void throwOnViolationAlsoThrowsInTheCallingThread() {
        List<Throwable> thrown = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().throwOnViolation(true), rt -> {
            WaitLock l = rt.createWaitLock(null, "l");
            try {
                l.release();
            } catch (VerifierViolationException e) {
                thrown.add(e);
            }
        });
        assertThat(thrown).singleElement().isInstanceOfSatisfying(VerifierViolationException.class,
                e -> assertThat(e.rule()).isEqualTo(Rule.WDF_WAITLOCK));
        assertThat(r.violations()).containsExactly(Rule.WDF_WAITLOCK); // traced as well
    }

    @Test
    void anExceptionInACallbackFailsTheRunWithTheOriginalAsCause() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> {
                throw new IllegalStateException("boom");
            }), ObjectAttributes.parent(dev).name("bad"));
            w.enqueue();
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.result().failure()).isEqualTo(FailureKind.EXCEPTION);
        assertThat(r.result().message()).matches("exception in callback of work item 'bad' \\(#4\\) on worker-\\d: "
                + "java.lang.IllegalStateException: boom");
        assertThat(r.result().cause()).hasMessage("boom");
    }

    @Test
    void runtimeCallsFromOutsideARunAreRejected() {
        WdfRuntime[] leaked = new WdfRuntime[1];
        Scenarios.run(rt -> leaked[0] = rt);
        assertThatThrownBy(() -> leaked[0].createDevice(DeviceConfig.named("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a runtime thread");
    }

    @Test
    void sequenceNumbersAreGaplessAndEveryNameComesBeforeItsUse() {
        var r = Scenarios.run(RunConfig.builder().seed(3), DeterministicEngineTest::racy);
        List<Event> events = r.events();
        Set<Integer> threads = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            assertThat(e.seq()).isEqualTo(i);
            if (e.type() == EventType.NAME && e.related() == NameKind.THREAD.id()) {
                threads.add(e.object());
            }
            assertThat(threads).as("thread of event %d named before", i).contains(e.thread());
        }
    }
}
