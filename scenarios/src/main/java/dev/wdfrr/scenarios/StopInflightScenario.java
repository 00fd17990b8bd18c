package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.StopAction;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfRequest;
import dev.wdfrr.runtime.wdf.WdfTimer;

import java.util.ArrayList;
import java.util.List;

/**
 * <b>Buggy</b>: the toaster shape ({@code general/toaster/toastDrv/kmdf/func/featured}) with
 * asynchronous completion, and the EvtIoStop the sample leaves out. EvtIoRead/EvtIoWrite start
 * a transfer; the hardware's completion comes after a modelled latency, in a DPC (the callback of
 * a timer) that reads the device and completes every request in flight. EvtIoStop acknowledges a
 * suspend without requeue and, on a purge, completes the request cancelled without telling the
 * DPC ({@code purge=complete}) or leaves it pending ({@code purge=ignore}). A removal while a
 * request is in flight then has the DPC read released registers or complete a request twice, or
 * hangs the removal.
 */
public final class StopInflightScenario implements Scenario {
    private WdfRuntime rt;
    private VirtualDevice hw;
    private WdfTimer transferDone;
    /** Requests started on the hardware (the DPC's list; guarded only by luck, as in the bug). */
    private final List<WdfRequest> inFlight = new ArrayList<>();
    private long latency;
    private boolean completeOnPurge;
    private IoSource source;
    private long requests;
    private int requesters;

    @Override
    public String id() {
        return "stop-inflight";
    }

    @Override
    public String description() {
        return "BUGGY: the toaster shape with DPC completion after hardware latency and an EvtIoStop that drops purged requests: a removal with requests in flight";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return IoScenarioSupport.concat(IoScenarioSupport.ioParameters("10", "2000", "0", "none"),
                IoScenarioSupport.pnpParameters("none", "1ms", "1ms..6ms"),
                new ScenarioParameter("hw-latency", "300us", "modelled time the hardware takes to finish a transfer"),
                new ScenarioParameter("release-time", "400us", "modelled time EvtDeviceReleaseHardware takes to release the device"),
                new ScenarioParameter("purge", "complete", "what EvtIoStop does on a purge: complete (without telling the DPC) or ignore"));
    }

    @Override
    public void checkParameters(Parameters p) {
        IoScenarioSupport.check(p);
        p.nanos("hw-latency");
        p.nanos("release-time");
        p.choice("purge", "complete", "ignore");
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        rt = runtime;
        latency = p.nanos("hw-latency");
        completeOnPurge = p.choice("purge", "complete", "ignore").equals("complete");
        requests = p.count("requests");
        requesters = p.intValue("requesters");
        hw = rt.createVirtualDevice(VirtualDeviceConfig.of("toaster-hw", new InterruptSource.Scripted(new long[0]),
                (d, i) -> { }).maxArrivals(0).registers("DMA"));
        long releaseTime = p.nanos("release-time");
        WdfDevice device = rt.createDevice(DeviceConfig.named("toaster-async0").pnpPower(PnpPowerCallbacks.none()
                .d0Entry((d, s) -> {
                    hw.write(VirtualDevice.INTERRUPT_ENABLE, 1);
                    return NtStatus.SUCCESS.code();
                })
                .releaseHardware(d -> {
                    rt.work(releaseTime); // unmapping and freeing the device's resources
                    return NtStatus.SUCCESS.code();
                })));
        device.assignHardware(hw);
        transferDone = rt.createTimer(TimerConfig.oneShot(t -> transfersDone()).highResolution(true)
                .automaticSerialization(false), ObjectAttributes.parent(device).name("transfer-done"));
        device.createQueue(QueueConfig.parallel("toaster-queue").defaultQueue()
                .onRead((q, r, n) -> startTransfer(r)).onWrite((q, r, n) -> startTransfer(r))
                .onStop((q, r, action) -> stop(r, action)));
        device.schedulePnp(IoScenarioSupport.arrivals(p));
        source = IoScenarioSupport.source(rt, device, p, IoScenarioSupport.readWrite(p));
        source.start();
        rt.awaitQuiescent();
    }

    private void startTransfer(WdfRequest r) {
        hw.write(hw.register("DMA"), r.length());
        inFlight.add(r);
        transferDone.start(latency);
    }

    /** The DPC the hardware's completion runs in: every request in flight is done. */
    private void transfersDone() {
        hw.read(hw.register("DMA"));
        List<WdfRequest> done = new ArrayList<>(inFlight);
        inFlight.clear();
        for (WdfRequest r : done) {
            r.complete(NtStatus.SUCCESS.code(), r.length());
        }
    }

    /** The EvtIoStop the sample leaves out, written wrong. */
    private void stop(WdfRequest r, StopAction action) {
        if (!action.purge()) {
            r.stopAcknowledge(false); // the transfer goes on; it is resumed after power-up
        } else if (completeOnPurge) {
            r.complete(NtStatus.CANCELLED.code()); // the DPC still has it in its list
        }
    }

    @Override
    public String checkInvariant() {
        return IoScenarioSupport.allCompleted(source, requesters, requests);
    }
}
