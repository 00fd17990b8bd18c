package dev.wdfrr.bench.bugs;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.IoSourceConfig;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.KernelEvent;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;

/**
 * The reference-count race: a PnP stop racing pending I/O on a check-then-increment
 * reference count. The driver serves reads from a queue that is not power-managed (the framework
 * keeps delivering to it while the device powers down, pnp-power.md [P6]), so it guards the
 * hardware with a remove-lock style count of its own: the count starts at one (the device's own
 * reference); EvtIoRead checks "not stopping", then takes a reference, reads the hardware, drops
 * the reference (the last one sets the "drained" event) and completes the request.
 * EvtDeviceD0Exit marks the device stopping, drops the device's reference and waits for the event
 * if reads still hold one; then the framework takes the device out of D0 and releases the
 * hardware. THE BUG: the check and the increment are two steps. A read that checked before the
 * stop marked the device but took its reference after the stop dropped the last one reads
 * hardware that is out of D0, and the runtime's verifier reports {@code HardwareAccessOutsideD0}
 * (or {@code HardwareAccessUnmapped} once released). Two reads arrive at the instant the stop
 * does, after the device has started.
 *
 * <p>The Fray side's {@code RefcountRace} (bench/fray) is the same driver code on plain Java
 * threads: a PnP thread running the stop callback and then the framework's power-down, a
 * requester thread sending the two reads.
 */
public final class RefcountRace implements Scenario {
    /** When the reads and the stop arrive: after the start has finished. */
    static final long AT_NANOS = 1_000_000;

    @Override
    public String id() {
        return "refcount-race";
    }

    @Override
    public String description() {
        return "BUGGY: a PnP stop races two reads that check 'not stopping' and then take a reference: a read that checked "
                + "before the stop uses the hardware after it left D0";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public void run(WdfRuntime rt, Parameters p) {
        LongCell stopping = rt.longCell("stopping", 0);
        LongCell references = rt.longCell("references", 1); // the device's own, dropped by the stop
        KernelEvent drained = rt.createEvent("drained", KernelEvent.Type.NOTIFICATION, false);
        VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Scripted(new long[0]),
                (d, i) -> { }).maxArrivals(0).registers("DATA"));
        int data = hw.register("DATA");
        WdfDevice dev = rt.createDevice(DeviceConfig.named("dev").pnpPower(PnpPowerCallbacks.none().d0Exit((d, target) -> {
            stopping.set(1);
            if (references.decrementAndGet() != 0) {
                drained.await(); // reads in flight still use the hardware
            }
            return NtStatus.SUCCESS.code();
        })));
        dev.assignHardware(hw);
        dev.createQueue(QueueConfig.parallel("reads").defaultQueue().powerManaged(false).onRead((q, request, length) -> {
            if (stopping.get() != 0) {
                request.complete(NtStatus.INVALID_DEVICE_STATE.code());
                return;
            }
            references.incrementAndGet(); // THE BUG: not atomic with the check above
            long value = hw.read(data);
            if (references.decrementAndGet() == 0) {
                drained.set();
            }
            request.complete(NtStatus.SUCCESS.code(), value);
        }));
        rt.createIoSource(IoSourceConfig.of("app", dev, new InterruptSource.Scripted(new long[]{AT_NANOS, AT_NANOS}))
                .maxRequests(2)).start();
        dev.schedulePnp(PnpArrival.at(PnpAction.STOP, AT_NANOS));
        rt.awaitQuiescent();
    }

    @Override
    public String checkInvariant() {
        return null; // the verifier reports the read of hardware out of D0
    }
}
