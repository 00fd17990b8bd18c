package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.hw.RequestMix;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.PowerState;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfRequest;

import java.util.List;

/**
 * The toaster function driver ({@code general/toaster/toastDrv/kmdf/func/featured}): a
 * power-managed parallel default queue whose EvtIoRead, EvtIoWrite and EvtIoDeviceControl do
 * their (modelled) work and complete inline, with no EvtIoStop (so a power-down waits for them,
 * as the sample's comment says); EvtDevicePrepareHardware maps the registers, D0Entry and
 * D0Exit power the toaster up and down; a stop, its restart and the removal arrive while
 * requests flow.
 */
public final class ToasterScenario implements Scenario {
    static final int IOCTL_TOASTER_DONT_DISPLAY_IN_UI = 0x2A0000;
    private WdfRuntime rt;
    private VirtualDevice hw;
    private int power;
    private int data;
    private long toastTime;
    private IoSource source;
    private long requests;
    private int requesters;

    @Override
    public String id() {
        return "toaster";
    }

    @Override
    public String description() {
        return "the toaster sample (general/toaster/toastDrv/kmdf/func/featured): power-managed parallel queue completing inline, D0Entry/D0Exit touch the hardware, stop/restart and removal while requests flow; checks every request completes once";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return IoScenarioSupport.concat(IoScenarioSupport.ioParameters("16", "2000", "0.2", "0ms..2ms"),
                IoScenarioSupport.pnpParameters("2ms..4ms", "1ms", "8ms..12ms"),
                new ScenarioParameter("toast-time", "200us", "modelled work of each request's callback"));
    }

    @Override
    public void checkParameters(Parameters p) {
        IoScenarioSupport.check(p);
        p.nanos("toast-time");
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        rt = runtime;
        toastTime = p.nanos("toast-time");
        requests = p.count("requests");
        requesters = p.intValue("requesters");
        hw = rt.createVirtualDevice(VirtualDeviceConfig.of("toaster-hw", new InterruptSource.Scripted(new long[0]),
                (d, i) -> { }).maxArrivals(0).registers("POWER", "DATA"));
        power = hw.register("POWER");
        data = hw.register("DATA");
        WdfDevice device = rt.createDevice(DeviceConfig.named("toaster0").pnpPower(PnpPowerCallbacks.none()
                .prepareHardware(d -> {
                    hw.read(VirtualDevice.STATUS); // the registers are mapped now
                    return NtStatus.SUCCESS.code();
                })
                .d0Entry((d, from) -> powerTo(1))
                .d0Exit((d, to) -> powerTo(to == PowerState.D0 ? 1 : 0))));
        device.assignHardware(hw);
        device.createQueue(QueueConfig.parallel("toaster-queue").defaultQueue()
                .onRead((q, r, n) -> toast(r)).onWrite((q, r, n) -> toast(r))
                .onDeviceControl((q, r, out, in, code) -> toast(r)));
        device.schedulePnp(IoScenarioSupport.arrivals(p));
        double reads = p.fraction("read-fraction");
        source = IoScenarioSupport.source(rt, device, p, new RequestMix(reads, (1 - reads) * 0.8, (1 - reads) * 0.2,
                new int[] {IOCTL_TOASTER_DONT_DISPLAY_IN_UI}));
        source.start();
        rt.awaitQuiescent();
    }

    private long powerTo(int on) {
        hw.write(power, on);
        return NtStatus.SUCCESS.code();
    }

    /** ToasterEvtIoRead/Write/DeviceControl: the work, a register touched, then the completion. */
    private void toast(WdfRequest r) {
        rt.work(toastTime);
        hw.write(data, r.length());
        r.complete(NtStatus.SUCCESS.code(), r.type() == dev.wdfrr.runtime.wdf.RequestType.DEVICE_CONTROL ? 0 : r.length());
    }

    @Override
    public String checkInvariant() {
        return IoScenarioSupport.allCompleted(source, requesters, requests);
    }
}
