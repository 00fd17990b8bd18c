package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.WdfRuntime;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberately buggy (pitfall 5): a two-port controller whose ports interrupt on different
 * CPUs. Each port's DPC counts its packets into a shared statistics register with a plain
 * read-modify-write, without the interrupt lock or a spin lock, so two DPCs running at once on
 * two CPUs can lose an update.
 */
public final class LostUpdateScenario implements Scenario {
    private final AtomicLong dpcRuns = new AtomicLong();
    private VirtualDevice port0;
    private int total;

    @Override
    public String id() {
        return "lost-update";
    }

    @Override
    public String description() {
        return "BUGGY: two ports' DPCs on two CPUs update a shared statistics register without a lock; checks no update is lost";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("interrupts", "3", "interrupts per port"),
                new ScenarioParameter("period", "10us", "time between a port's interrupts (both ports in step)"));
    }

    @Override
    public void run(WdfRuntime rt, Parameters p) {
        long count = p.count("interrupts");
        InterruptSource source = new InterruptSource.Periodic(p.nanos("period"));
        WdfDevice device = rt.createDevice(DeviceConfig.named("ctrl0"));
        port0 = rt.createVirtualDevice(VirtualDeviceConfig.of("port0", source, LostUpdateScenario::frameArrives)
                .maxArrivals(count).targetCpu(0).registers("RX_TOTAL"));
        VirtualDevice port1 = rt.createVirtualDevice(VirtualDeviceConfig.of("port1", source, LostUpdateScenario::frameArrives)
                .maxArrivals(count).targetCpu(1));
        total = port0.register("RX_TOTAL");
        device.createInterrupt(InterruptConfig.of("port0-int", port0, Isrs::claimAndQueueDpc).dpc(this::countFrame));
        device.createInterrupt(InterruptConfig.of("port1-int", port1, Isrs::claimAndQueueDpc).dpc(this::countFrame));
        port0.start();
        port1.start();
        rt.awaitQuiescent();
        rt.removeDevice(device);
    }

    private static void frameArrives(VirtualDevice hw, long frame) {
        hw.write(VirtualDevice.STATUS, 1);
    }


    /** THE BUG: read, add, write back, with nothing stopping the other port's DPC in between. */
    private void countFrame(WdfInterrupt interrupt) {
        long seen = port0.read(total);
        port0.write(total, seen + 1);
        dpcRuns.incrementAndGet();
    }

    @Override
    public String checkInvariant() {
        long counted = port0 == null ? 0 : port0.read(total);
        if (counted != dpcRuns.get()) {
            return "RX_TOTAL is " + counted + " after " + dpcRuns.get() + " DPC runs: an update was lost";
        }
        return null;
    }
}
