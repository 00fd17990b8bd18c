package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.ObjectAttributes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wdf-semantics.md, "Interrupts and DPCs" and the virtual device. */
@Timeout(60)
class InterruptTest {
    private static VirtualDevice device(WdfRuntime rt, String name, InterruptSource source, long max) {
        return rt.createVirtualDevice(VirtualDeviceConfig.of(name, source, (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(max));
    }

    private static boolean claim(WdfInterrupt in) {
        VirtualDevice hw = in.hardware();
        if (hw.read(VirtualDevice.STATUS) == 0) {
            return false;
        }
        hw.write(VirtualDevice.STATUS, 0);
        return true;
    }

    @Test
    void isrRunsAtDirqlOnACpuAndTheDpcAtDispatchOnTheSameCpu() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 1);
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                seen.add("isr " + rt.currentIrql() + " " + Thread.currentThread().getName());
                claim(in);
                in.queueDpcForIsr();
                return true;
            }).dpc(in -> seen.add("dpc " + rt.currentIrql() + " " + Thread.currentThread().getName())));
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).hasSize(2);
        String cpu = seen.get(0).substring(seen.get(0).length() - 1);
        assertThat(seen).containsExactly("isr DIRQL wdfrr-isr-" + cpu, "dpc DISPATCH wdfrr-cpu-" + cpu);
        assertThat(r.of(EventType.ISR_END)).singleElement().satisfies(e -> assertThat(e.arg()).isEqualTo(1));
    }

    @Test
    void queueDpcForIsrCoalescesUntilTheDpcRunsAndSeveralIsrsMayPrecedeOneDpc() {
        List<Boolean> queued = Collections.synchronizedList(new ArrayList<>());
        int[] dpcs = {0};
        var r = Scenarios.run(RunConfig.builder().cpus(1).strategy(new Prefer("device", "isr")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Burst(3, 0, 1_000), 3);
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                claim(in);
                queued.add(in.queueDpcForIsr());
                return true;
            }).dpc(in -> dpcs[0]++));
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(queued).containsExactly(true, false, false);
        assertThat(dpcs[0]).isEqualTo(1);
        assertThat(r.of(EventType.DPC_QUEUE)).extracting(Event::arg).containsExactly(1L, 0L, 0L);
    }

    @Test
    void dpcsOfDifferentInterruptsRunAtOnceOnDifferentCpus() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            for (int cpu = 0; cpu < 2; cpu++) {
                VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw" + cpu, new InterruptSource.Periodic(1_000),
                        (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(1).targetCpu(cpu));
                dev.createInterrupt(InterruptConfig.of("int" + cpu, hw, in -> {
                    claim(in);
                    in.queueDpcForIsr();
                    return true;
                }).dpc(in -> rt.work(10_000)));
                hw.start();
            }
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> dpc = new ArrayList<>(r.of(EventType.DPC_START));
        assertThat(dpc).extracting(Event::cpu).containsExactlyInAnyOrder(0, 1);
        assertThat(dpc.get(1).seq()).isLessThan(r.of(EventType.DPC_END).get(0).seq()); // overlap
    }

    @Test
    void passiveLevelInterruptRunsItsIsrAtPassiveAndItsWorkItemCoalesces() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> queued = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(RunConfig.builder().cpus(1).strategy(new Prefer("device", "isr")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Burst(2, 0, 1_000), 2);
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                seen.add("isr " + rt.currentIrql());
                claim(in);
                queued.add(in.queueWorkItemForIsr());
                return true;
            }).passive(item -> seen.add("workitem " + rt.currentIrql())));
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(queued).containsExactly(true, false);
        assertThat(seen).containsExactly("isr PASSIVE", "isr PASSIVE", "workitem PASSIVE");
        assertThat(r.of(EventType.LOCK_ACQUIRE)).isEmpty(); // the ISR's own lock is implied by isr_start
    }

    @Test
    void theInterruptLockRaisesToDirqlAndExcludesTheIsr() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 1);
            WdfInterrupt in = dev.createInterrupt(InterruptConfig.of("int", hw, i -> {
                seen.add("isr at " + rt.clock());
                return claim(i);
            }));
            in.acquireLock();
            seen.add("locked at " + rt.currentIrql());
            hw.start();
            rt.work(5_000); // the interrupt arrives at 1us but cannot run its ISR
            seen.add("unlock at " + rt.clock());
            in.releaseLock();
            seen.add("released to " + rt.currentIrql());
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("locked at DIRQL", "unlock at 5000", "released to PASSIVE", "isr at 5000");
    }

    @Test
    void theInterruptLockIsNotRecursive() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 1);
            WdfInterrupt in = dev.createInterrupt(InterruptConfig.of("int", hw, InterruptTest::claim));
            in.acquireLock();
            in.acquireLock();
            in.releaseLock();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_INTERRUPT_LOCK);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK); // it spins forever at DIRQL
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related())).contains("not recursive", "spins forever");
    }

    @Test
    void interruptsAreHeldWhileDisabledAndRaisedOnEnable() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 2);
            dev.createInterrupt(InterruptConfig.of("int", hw, InterruptTest::claim));
            hw.write(VirtualDevice.INTERRUPT_ENABLE, 0);
            hw.start();
            rt.work(5_000);
            assertThat(hw.arrivals()).isEqualTo(2);
            hw.write(VirtualDevice.INTERRUPT_ENABLE, 1); // status is pending: raised now
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.of(EventType.INTERRUPT)).singleElement().satisfies(e -> assertThat(e.time()).isEqualTo(5_000));
    }

    @Test
    void sourcesProduceTheirArrivalTimes() {
        assertThat(take(new InterruptSource.Periodic(100), 3)).containsExactly(100L, 200L, 300L);
        assertThat(take(new InterruptSource.Burst(2, 10, 1000), 4)).containsExactly(1000L, 1010L, 2000L, 2010L);
        assertThat(take(new InterruptSource.Scripted(new long[]{30, 10, 20}), 4)).containsExactly(10L, 20L, 30L, -1L);
        assertThat(take(new InterruptSource.Poisson(1e6, 7), 5)).isEqualTo(take(new InterruptSource.Poisson(1e6, 7), 5))
                .isSorted().isNotEqualTo(take(new InterruptSource.Poisson(1e6, 8), 5));
        List<Long> many = take(new InterruptSource.Poisson(1e6, 1), 10_000);
        assertThat(many.get(many.size() - 1) / 10_000.0).isBetween(900.0, 1100.0); // mean gap 1us
    }

    private static List<Long> take(InterruptSource s, int n) {
        InterruptSource.Arrivals a = s.arrivals();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(a.next());
        }
        return out;
    }

    @Test
    void anUnboundedSourceIsAConfigurationError() {
        var r = Scenarios.run(rt -> org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                rt.createVirtualDevice(VirtualDeviceConfig.of("forever", new InterruptSource.Periodic(10), (d, i) -> { })))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs a bound"));
        assertThat(r.result().passed()).isTrue();
    }

    /**
     * A DPC that makes its device interrupt again (re-enabling interrupts with status pending
     * raises at once, on the same CPU), then polls until that second ISR has counted.
     */
    private static Scenarios.Recorded isrDuringDpc(RunConfig.Builder config) {
        return Scenarios.run(config.cpus(1), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Periodic(1_000),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(1).targetCpu(0).registers("COUNT"));
            int count = hw.register("COUNT");
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                claim(in);
                hw.write(count, hw.read(count) + 1);
                in.queueDpcForIsr();
                return true;
            }).dpc(in -> {
                if (hw.read(count) == 1) {
                    hw.write(VirtualDevice.INTERRUPT_ENABLE, 0);
                    hw.write(VirtualDevice.STATUS, 1);
                    hw.write(VirtualDevice.INTERRUPT_ENABLE, 1); // the second interrupt, while this DPC runs
                }
                while (hw.read(count) < 2) {
                    rt.work(1_000);
                }
            }));
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
    }

    /** No event of the CPU's DPC thread lies inside an ISR on that CPU; the DPC spans the second ISR. */
    private static void assertTheIsrPreemptedTheDpc(Scenarios.Recorded r) {
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> events = r.events();
        int dpcThread = r.of(EventType.DPC_START).get(0).thread();
        Event second = r.of(EventType.ISR_START).get(1);
        Event secondEnd = r.of(EventType.ISR_END).get(1);
        assertThat(second.seq()).isBetween(r.of(EventType.DPC_START).get(0).seq(), r.of(EventType.DPC_END).get(0).seq());
        for (Event e : events) {
            if (e.seq() > second.seq() && e.seq() < secondEnd.seq()) {
                assertThat(e.thread()).as("event #%d inside the ISR", e.seq()).isNotEqualTo(dpcThread);
            }
        }
    }

    // An ISR at DIRQL preempts the DPC at DISPATCH on its CPU (wdf-semantics.md, "Interrupts and DPCs")
    @Test
    void anIsrPreemptsTheDpcOnItsCpuUnderTheDeterministicEngine() {
        for (long seed = 1; seed <= 20; seed++) {
            assertTheIsrPreemptedTheDpc(isrDuringDpc(RunConfig.builder().seed(seed)));
        }
    }

    @Test
    void anIsrPreemptsTheDpcOnItsCpuUnderTheLiveEngine() {
        assertTheIsrPreemptedTheDpc(isrDuringDpc(RunConfig.builder().engine(EngineKind.LIVE).durationNanos(1_000_000)));
    }

    /**
     * A DPC blocked on a spin lock a worker holds, when the second interrupt's long ISR starts on
     * its CPU: the worker's release comes during that ISR, the DPC's acquire only after it.
     */
    private static Scenarios.Recorded dpcWaitingForALockWhenTheIsrComes(RunConfig.Builder config) {
        return Scenarios.run(config.cpus(1), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            SpinLock lock = rt.createSpinLock(dev, "shared");
            WorkItem<Void> holder = rt.createWorkItem(WorkItemConfig.init(i -> {
                lock.acquire();
                rt.work(4_000);
                lock.release();
            }), ObjectAttributes.parent(dev));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Scripted(new long[] {1_000, 3_000}),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(2).targetCpu(0).registers("COUNT"));
            int count = hw.register("COUNT");
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                claim(in);
                long n = hw.read(count) + 1;
                hw.write(count, n);
                if (n == 1) {
                    in.queueDpcForIsr();
                } else {
                    rt.work(5_000); // a long ISR: the worker releases the lock meanwhile
                }
                return true;
            }).dpc(in -> {
                lock.acquire();
                lock.release();
            }));
            holder.enqueue();
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
    }

    @Test
    void aDpcBlockedOnALockTakesItOnlyAfterTheIsrThatPreemptedItReturns() {
        for (long seed = 1; seed <= 10; seed++) {
            var r = dpcWaitingForALockWhenTheIsrComes(RunConfig.builder().seed(seed));
            assertThat(r.result().passed()).as(r.result().summary()).isTrue();
            int dpcThread = r.of(EventType.DPC_START).get(0).thread();
            Event isrEnd = r.of(EventType.ISR_END).get(1);
            Event isrStart = r.of(EventType.ISR_START).get(1);
            for (Event e : r.events()) {
                if (e.seq() > isrStart.seq() && e.seq() < isrEnd.seq()) {
                    assertThat(e.thread()).as("seed %d: event #%d inside the ISR", seed, e.seq()).isNotEqualTo(dpcThread);
                }
            }
        }
    }

    // FxInterrupt::QueueWorkItemForIsr: above DISPATCH it returns KeInsertQueueDpc's result, not the work item's
    @Test
    void queueWorkItemForIsrAtDirqlGoesThroughTheInterruptsDpcAndReturnsItsResult_FxInterruptQueueWorkItemForIsr() {
        List<Boolean> queued = Collections.synchronizedList(new ArrayList<>());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        int[] item = {0};
        var r = Scenarios.run(RunConfig.builder().cpus(1).workers(1), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> blocker = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(10_000)), ObjectAttributes.parent(dev));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 2);
            WdfInterrupt interrupt = dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                claim(in);
                queued.add(in.queueWorkItemForIsr());
                return true;
            }).workItem(i -> seen.add("workitem " + rt.currentIrql())));
            item[0] = interrupt.id() + 1; // created with the interrupt
            blocker.enqueue(); // the only worker is busy: the interrupt's item stays queued
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(queued).containsExactly(true, true); // its DPC was queued each time
        List<Event> enqueues = r.of(EventType.ENQUEUE).stream().filter(e -> e.object() == item[0]).toList();
        assertThat(enqueues).extracting(Event::arg).containsExactly(1L, 0L); // the item coalesced the second
        assertThat(enqueues).allSatisfy(e -> assertThat(e.irql()).isEqualTo(Irql.DISPATCH.ordinal()));
        assertThat(r.of(EventType.DPC_START)).hasSize(2);
        assertThat(seen).containsExactly("workitem PASSIVE");
    }

    // FxInterrupt::InitializeWorker: with AutomaticSerialization the DPC runs under the device's callback lock (DpcHandler)
    @Test
    void automaticSerializationRunsTheDpcsOfADevicesInterruptsOneAtATime_FxInterruptDpcHandler() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE));
            for (int cpu = 0; cpu < 2; cpu++) {
                VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw" + cpu, new InterruptSource.Periodic(1_000),
                        (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(1).targetCpu(cpu));
                dev.createInterrupt(InterruptConfig.of("int" + cpu, hw, in -> {
                    claim(in);
                    in.queueDpcForIsr();
                    return true;
                }).dpc(in -> rt.work(10_000)).automaticSerialization(true));
                hw.start();
            }
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> starts = r.of(EventType.DPC_START);
        List<Event> ends = r.of(EventType.DPC_END);
        assertThat(starts).extracting(Event::cpu).containsExactlyInAnyOrder(0, 1);
        assertThat(starts.get(1).seq()).isGreaterThan(ends.get(0).seq()); // no overlap
        assertThat(r.of(EventType.CALLBACK_WAIT)).hasSize(1);
    }

    // FxObject::_GetEffectiveLock: a DPC (not passive) cannot serialize under a passive-level device
    @Test
    void anAutoSerializedDpcUnderAPassiveDeviceFailsWithIncompatibleExecutionLevel_FxObjectGetEffectiveLock() {
        List<NtStatus> statuses = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 1);
            try {
                dev.createInterrupt(InterruptConfig.of("int", hw, InterruptTest::claim).dpc(in -> { }).automaticSerialization(true));
            } catch (WdfException e) {
                statuses.add(e.status());
            }
            rt.removeDevice(dev);
        });
        assertThat(statuses).containsExactly(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL);
        assertThat(r.violations()).containsExactly(Rule.INCOMPATIBLE_EXECUTION_LEVEL);
    }

    // WdfInterruptCreate: "Driver can provide either EvtInterruptDpc or EvtInterruptWorkItem callback but not both"
    @Test
    void anInterruptWithBothADpcAndAWorkItemIsAnInvalidParameter_WdfInterruptCreate() {
        List<NtStatus> statuses = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = device(rt, "hw", new InterruptSource.Periodic(1_000), 1);
            try {
                dev.createInterrupt(InterruptConfig.of("int", hw, InterruptTest::claim).dpc(in -> { }).workItem(i -> { }));
            } catch (WdfException e) {
                statuses.add(e.status());
            }
            rt.removeDevice(dev);
        });
        assertThat(statuses).containsExactly(NtStatus.INVALID_PARAMETER);
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }
}
