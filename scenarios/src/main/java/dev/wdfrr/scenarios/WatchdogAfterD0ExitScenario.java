package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfTimer;

import java.util.List;

/**
 * <b>Buggy</b>: the PCI NIC sample's watchdog ({@code general/pcidrv/kmdf}, NICWatchDogEvtTimerFunc):
 * a one-shot timer whose callback checks the hardware for a hang (a register read) and re-arms
 * itself. The sample stops it in EvtDeviceSelfManagedIoSuspend with {@code WdfTimerStop(…, TRUE)};
 * this driver passes FALSE, so a callback already queued or running when the removal arrives
 * reads the register, or re-arms a timer that then fires, after EvtDeviceD0Exit or
 * EvtDeviceReleaseHardware.
 */
public final class WatchdogAfterD0ExitScenario implements Scenario {
    private WdfRuntime rt;
    private VirtualDevice nic;
    private WdfTimer watchdog;
    private long period;
    private long checkCost;
    private int checks;

    @Override
    public String id() {
        return "watchdog-after-d0exit";
    }

    @Override
    public String description() {
        return "BUGGY: the pcidrv watchdog timer stopped without waiting in SelfManagedIoSuspend: a callback in flight reads the hardware after D0Exit/ReleaseHardware";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("period", "1ms", "the watchdog's re-arm period"),
                new ScenarioParameter("check-cost", "300us", "modelled time of one hang check before it reads the register"),
                new ScenarioParameter("remove-at", "2ms..8ms", "when the removal arrives: a window FROM..TO the schedule picks in"));
    }

    @Override
    public void checkParameters(Parameters p) {
        p.positiveNanos("period");
        p.nanos("check-cost");
        IoScenarioSupport.removeAt(p);
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        rt = runtime;
        period = p.positiveNanos("period");
        checkCost = p.nanos("check-cost");
        long[] remove = IoScenarioSupport.removeAt(p);
        nic = rt.createVirtualDevice(VirtualDeviceConfig.of("nic-hw", new InterruptSource.Scripted(new long[0]), (d, i) -> { })
                .maxArrivals(0).registers("CSR"));
        WdfDevice device = rt.createDevice(DeviceConfig.named("pcidrv0").pnpPower(PnpPowerCallbacks.none()
                .selfManagedIoInit(d -> {
                    watchdog.start(period);
                    return NtStatus.SUCCESS.code();
                })
                .selfManagedIoSuspend(d -> {
                    watchdog.stop(false); // the sample waits (TRUE): a callback in flight outlives the hardware
                    return NtStatus.SUCCESS.code();
                })));
        device.assignHardware(nic);
        watchdog = rt.createTimer(TimerConfig.oneShot(t -> check()).highResolution(true).automaticSerialization(false),
                ObjectAttributes.parent(device).name("watchdog"));
        device.schedulePnp(new PnpArrival(PnpAction.REMOVE, remove[0], remove[1]));
        rt.awaitQuiescent();
    }

    /** NICWatchDogEvtTimerFunc: check for a hang, then re-arm. */
    private void check() {
        rt.work(checkCost);
        nic.read(nic.register("CSR"));
        checks++;
        watchdog.start(period);
    }

    @Override
    public String checkInvariant() {
        return checks == 0 ? "the watchdog never ran" : null;
    }
}
