package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;

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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_INTERRUPT_LOCK);
        assertThat(r.result().message()).contains("not recursive");
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
            dev.delete();
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
}
