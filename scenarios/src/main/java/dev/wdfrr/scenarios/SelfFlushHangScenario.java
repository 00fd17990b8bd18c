package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deliberately buggy (pitfall 1, seen in a public USB/IP driver): a callback re-enqueues its
 * own work item because more work came in, then deletes the item because unload was requested,
 * believing that a delete from its own callback returns at once. If the second instance has
 * already started on another worker, the framework sees that other instance as "the" callback,
 * so the delete waits for the running instances, itself included, and the driver hangs.
 */
public final class SelfFlushHangScenario implements Scenario {
    private final AtomicInteger runs = new AtomicInteger();

    @Override
    public String id() {
        return "self-flush-hang";
    }

    @Override
    public String description() {
        return "BUGGY: a callback re-enqueues itself then deletes its item; if the second instance already started, the delete waits on itself";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(new ScenarioParameter("work", "2us", "modelled work per callback instance"));
    }

    @Override
    public void run(WdfRuntime rt, Parameters p) {
        long work = p.nanos("work");
        WdfDevice device = rt.createDevice(DeviceConfig.named("usbip0"));
        WorkItem<Void> poll = rt.createWorkItem(WorkItemConfig.init(item -> {
            int instance = runs.incrementAndGet();
            if (instance == 1) {
                item.enqueue(); // more work arrived: run again
                item.delete();  // THE BUG: unload, "safe" from our own callback
            }
            rt.work(work);
        }), ObjectAttributes.parent(device).name("poll"));
        poll.enqueue();
        rt.awaitQuiescent();
        rt.removeDevice(device);
    }

    @Override
    public String checkInvariant() {
        return null; // the failure is the DeleteWaitsOnItself violation
    }
}
