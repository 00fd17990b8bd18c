package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.hw.HardwareFifo;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * USB-style error recovery: a stalled pipe completes an I/O request with an error at DISPATCH
 * (modelled as the DPC); the completion creates a work item per error, whose callback resets
 * the pipe at PASSIVE and deletes its own work item. Resets of the one pipe are serialized under
 * a wait lock: two at once would interleave their register writes.
 */
public final class UsbResetScenario implements Scenario {
    /** Context of each per-use work item: which error it recovers from. */
    public static final class ResetContext {
        long error;
    }

    private final ConcurrentHashMap<Long, Integer> resets = new ConcurrentHashMap<>();
    private WdfRuntime rt;
    private WdfDevice device;
    private VirtualDevice usb;
    private HardwareFifo errors;
    private WaitLock pipeLock;
    private int pipeReset;
    private long resetNanos;
    private long isrCost;
    private long dpcCost;

    @Override
    public String id() {
        return "usb-reset";
    }

    @Override
    public String description() {
        return "USB error recovery: each failed transfer's completion at DISPATCH creates a work item that resets the pipe at PASSIVE and deletes itself; checks one reset per error, no leaks";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("isr-cost", "500ns", "modelled time each ISR takes"),
                new ScenarioParameter("dpc-cost", "2us", "modelled time each DPC (or passive ISR) takes"),
                new ScenarioParameter("rate", "2000", "mean transfer errors per second (Poisson)"),
                new ScenarioParameter("errors", "0", "stop after this many errors (0: run for the duration)"),
                new ScenarioParameter("reset", "50us", "modelled time to reset the pipe"));
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        this.rt = runtime;
        this.resetNanos = p.nanos("reset");
        this.isrCost = p.nanos("isr-cost");
        this.dpcCost = p.nanos("dpc-cost");
        long count = p.count("errors");
        device = rt.createDevice(DeviceConfig.named("usb0"));
        usb = rt.createVirtualDevice(VirtualDeviceConfig
                .of("usb", new InterruptSource.Poisson(p.doubleValue("rate"), rt.config().seed() + 29), this::transferFailed)
                .untilNanos(rt.config().durationNanos())
                .maxArrivals(count == 0 ? -1 : count)
                .registers("PIPE_RESET")
                .fifos("errors"));
        errors = usb.fifo("errors");
        pipeReset = usb.register("PIPE_RESET");
        pipeLock = rt.createWaitLock(device, "pipe-lock");
        device.createInterrupt(InterruptConfig.of("usb-int", usb, this::isr).dpc(this::completion));
        usb.start();
        rt.awaitQuiescent();
        rt.removeDevice(device);
    }

    private void transferFailed(VirtualDevice hw, long error) {
        errors.push(error);
        hw.write(VirtualDevice.STATUS, 1);
    }

    private boolean isr(WdfInterrupt interrupt) {
        if (usb.read(VirtualDevice.STATUS) == 0) {
            return false;
        }
        usb.write(VirtualDevice.STATUS, 0);
        rt.work(isrCost);
        interrupt.queueDpcForIsr();
        return true;
    }

    /** The I/O completion, at DISPATCH: too high to reset a pipe, so hand each error to a work item. */
    private void completion(WdfInterrupt interrupt) {
        rt.work(dpcCost);
        for (long e = errors.pop(); e >= 0; e = errors.pop()) {
            WorkItem<ResetContext> reset = rt.createWorkItem(WorkItemConfig.init(this::resetPipe),
                    ObjectAttributes.parent(device).context(ResetContext.class).name("reset-" + e));
            reset.context().error = e;
            reset.enqueue();
        }
    }

    private void resetPipe(WorkItem<ResetContext> item) {
        long error = item.context().error;
        pipeLock.acquire();
        usb.write(pipeReset, error);
        rt.work(resetNanos);
        pipeLock.release();
        resets.merge(error, 1, Integer::sum);
        item.delete(); // create per use, delete in the callback
    }

    @Override
    public String checkInvariant() {
        for (var e : resets.entrySet()) {
            if (e.getValue() != 1) {
                return "error " + e.getKey() + " reset the pipe " + e.getValue() + " times";
            }
        }
        if (resets.size() != usb.arrivals()) {
            return usb.arrivals() + " transfer errors but " + resets.size() + " pipe resets";
        }
        return null;
    }
}
