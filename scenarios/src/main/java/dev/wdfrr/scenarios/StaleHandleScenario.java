package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.List;

/**
 * Deliberately buggy (pitfall 2): at "unload" the driver deletes its work item while the
 * device can still interrupt; a DPC that runs after the delete enqueues the stale handle.
 * Which comes first depends on the schedule. The fix is to disable and disconnect the
 * interrupt (stop the device) before deleting what its DPC uses.
 */
public final class StaleHandleScenario implements Scenario {
    private WorkItem<Void> refill;

    @Override
    public String id() {
        return "stale-handle";
    }

    @Override
    public String description() {
        return "BUGGY: unload deletes a work item while the device may still interrupt, so a late DPC enqueues a deleted handle";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("interrupts", "2", "interrupts before and at unload"),
                new ScenarioParameter("period", "10us", "time between interrupts; unload happens with the last one"));
    }

    @Override
    public void run(WdfRuntime rt, Parameters p) {
        long count = p.count("interrupts");
        long period = p.nanos("period");
        WdfDevice device = rt.createDevice(DeviceConfig.named("stale0"));
        refill = rt.createWorkItem(WorkItemConfig.init(item -> rt.work(1_000)),
                ObjectAttributes.parent(device).name("refill"));
        VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig
                .of("stale", new InterruptSource.Periodic(period), (d, i) -> d.write(VirtualDevice.STATUS, 1))
                .maxArrivals(count));
        device.createInterrupt(InterruptConfig.of("stale-int", hw, Isrs::claimAndQueueDpc).dpc(i -> refill.enqueue()));
        hw.start();
        rt.work(period * count); // unload arrives together with the last interrupt
        refill.delete();         // THE BUG: the interrupt is still connected
        hw.stop();
        rt.awaitQuiescent();
        rt.removeDevice(device);
    }


    @Override
    public String checkInvariant() {
        return null; // the failure is the UseAfterDelete violation the runtime reports
    }
}
