package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.HardwareFifo;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A correct teardown, the way the framework allows it (clean: no finding in any schedule). Each
 * interrupt's DPC hands its events to a work item created per use, which reads its context and
 * deletes itself from its own callback, and re-enqueues one reusable "stats" item. The device is
 * removed while callbacks may still be queued or running: the removal runs the reused item down
 * and waits for the per-use items, whose callbacks keep reading their contexts during the pending
 * deletion, and every cleanup and destroy callback reads its object's context. A spin lock orders
 * the DPC's creates against the start of the removal, as a real driver's stop path must.
 */
public final class TeardownScenario implements Scenario {
    /** Context of a per-use item: the event it handles. */
    public static final class EventContext {
        long event = -1;
    }

    /** Context of the reusable item: how many times it ran. */
    public static final class StatsContext {
        long runs;
    }

    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger cleanedUp = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();
    private final AtomicLong statsRunsAtDestroy = new AtomicLong(-1);
    private WdfRuntime rt;
    private WdfDevice device;
    private VirtualDevice hw;
    private HardwareFifo events;
    private SpinLock stateLock;
    private WorkItem<StatsContext> stats;
    private int stopping;
    private long work;

    @Override
    public String id() {
        return "teardown";
    }

    @Override
    public String description() {
        return "a correct teardown: per-use items delete themselves, a reused item is run down by the device's removal, "
                + "contexts are read in callbacks, cleanup and destroy; checks every item was handled, cleaned up and destroyed once";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("interrupts", "3", "interrupts the device raises"),
                new ScenarioParameter("period", "5us", "time between interrupts"),
                new ScenarioParameter("work", "3us", "modelled work of each callback"));
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        this.rt = runtime;
        this.work = p.nanos("work");
        device = rt.createDevice(DeviceConfig.named("teardown0"));
        stateLock = rt.createSpinLock(device, "state-lock");
        hw = rt.createVirtualDevice(VirtualDeviceConfig.of("teardown-hw", new InterruptSource.Periodic(p.nanos("period")),
                (d, i) -> {
                    d.fifo("events").push(i);
                    d.write(VirtualDevice.STATUS, 1);
                }).maxArrivals(p.count("interrupts")).registers("STOPPING").fifos("events"));
        events = hw.fifo("events");
        stopping = hw.register("STOPPING");
        stats = rt.createWorkItem(WorkItemConfig.init(this::countRun, false), ObjectAttributes.parent(device)
                .context(StatsContext.class).name("stats")
                .cleanup(o -> statsOf(o))
                .destroy(o -> statsRunsAtDestroy.set(statsOf(o).runs)));
        device.createInterrupt(InterruptConfig.of("teardown-int", hw, Isrs::claimAndQueueDpc).dpc(this::dpc));
        hw.start();
        rt.work(p.nanos("period") * p.count("interrupts")); // the last interrupt comes about now
        // The stop path: no DPC creates anything once STOPPING is set under the lock it takes too.
        stateLock.acquire();
        hw.write(stopping, 1);
        stateLock.release();
        hw.stop();
        rt.removeDevice(device); // runs down "stats" and waits for the per-use items still queued or running
    }

    /** At DISPATCH: one per-use item per event, and the reused item, unless the device is stopping. */
    private void dpc(WdfInterrupt interrupt) {
        stateLock.acquire();
        try {
            if (hw.read(stopping) != 0) {
                return;
            }
            for (long e = events.pop(); e >= 0; e = events.pop()) {
                WorkItem<EventContext> item;
                try {
                    item = rt.createWorkItem(WorkItemConfig.init(this::handle, false), ObjectAttributes.parent(device)
                            .context(EventContext.class).name("event-" + e)
                            .cleanup(o -> {
                                checkContext(o);
                                cleanedUp.incrementAndGet();
                            })
                            .destroy(o -> {
                                checkContext(o);
                                destroyed.incrementAndGet();
                            }));
                } catch (WdfException deletePending) {
                    return; // WdfWorkItemCreate failed: the device is going away
                }
                created.incrementAndGet();
                item.context().event = e;
                item.enqueue();
            }
            stats.enqueue(); // coalesces when it is already queued
        } finally {
            stateLock.release();
        }
    }

    /** A per-use item: reads its context (also while the device's removal waits for it), then deletes itself. */
    private void handle(WorkItem<EventContext> item) {
        rt.work(work);
        if (item.context().event >= 0) {
            handled.incrementAndGet();
        }
        item.delete(); // its cleanup runs here, its destroy once this callback returns
    }

    private void countRun(WorkItem<StatsContext> item) {
        rt.work(work);
        item.context().runs++;
    }

    /** Cleanup and destroy read the context: it is the item's own until it is destroyed. */
    private static void checkContext(WdfObject o) {
        long event = ((EventContext) ((WorkItem<?>) o).context()).event;
        if (!o.name().equals("event-" + event)) {
            throw new IllegalStateException(o.name() + " has the context of event " + event);
        }
    }

    private static StatsContext statsOf(WdfObject o) {
        return (StatsContext) ((WorkItem<?>) o).context();
    }

    @Override
    public String checkInvariant() {
        int c = created.get();
        if (handled.get() != c) {
            return c + " per-use items created but " + handled.get() + " handled";
        }
        if (cleanedUp.get() != c || destroyed.get() != c) {
            return c + " per-use items but " + cleanedUp.get() + " cleaned up and " + destroyed.get() + " destroyed";
        }
        if (statsRunsAtDestroy.get() < 0) {
            return "the reused item was never destroyed by the device's removal";
        }
        return null;
    }
}
