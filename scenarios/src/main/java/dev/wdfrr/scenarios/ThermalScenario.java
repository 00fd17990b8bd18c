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
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.Retrieved;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;
import dev.wdfrr.runtime.wdf.WdfTimer;
import dev.wdfrr.runtime.wdf.WorkItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated thermal sensor ({@code thermal/simsensor}): IOCTL_THERMAL_READ_TEMPERATURE
 * completes at once when the temperature already passes the caller's threshold, else it is
 * forwarded to a manual pending queue under a wait lock, with its own passive one-shot timer
 * for its timeout. Temperature changes come from the virtual sensor's interrupt, whose work item
 * scans the pending queue under the wait lock with FindRequest/RetrieveFoundRequest and completes
 * the satisfied requests; a timer completes its request with STATUS_IO_TIMEOUT. The pending
 * queue is not power managed: it keeps its requests through a stop, and the removal purges it
 * last.
 */
public final class ThermalScenario implements Scenario {
    static final int IOCTL_THERMAL_READ_TEMPERATURE = 0x294010;
    private WdfRuntime rt;
    private VirtualDevice sensor;
    private int tempRegister;
    private WaitLock lock;
    private WdfQueue pending;
    private WdfDevice device;
    private long timeout;
    /** The timeout timer of each pending request (guarded by the wait lock). */
    private final Map<WdfRequest, WdfTimer> timers = new HashMap<>();
    private IoSource source;
    private long requests;
    private int requesters;

    @Override
    public String id() {
        return "thermal";
    }

    @Override
    public String description() {
        return "the simulated thermal sensor (thermal/simsensor): read-temperature ioctls wait in a manual queue under a wait lock, completed by the sensor's interrupt work item or by a per-request passive timer at their timeout; checks every request completes once";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        // every request is a read-temperature ioctl: no read/write mix
        return IoScenarioSupport.concat(IoScenarioSupport.ioParameters("12", "2000", "0.2", "0ms..3ms").stream()
                        .filter(x -> !x.name().equals("read-fraction")).toList(),
                IoScenarioSupport.pnpParameters("none", "1ms", "10ms..12ms"),
                new ScenarioParameter("timeout", "2ms", "each pending request's timeout (its timer)"),
                new ScenarioParameter("change-period", "500us", "time between temperature changes of the sensor"));
    }

    @Override
    public void checkParameters(Parameters p) {
        IoScenarioSupport.check(p);
        p.positiveNanos("timeout");
        p.positiveNanos("change-period");
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        rt = runtime;
        timeout = p.positiveNanos("timeout");
        requests = p.count("requests");
        requesters = p.intValue("requesters");
        long[] remove = p.window("remove-at");
        device = rt.createDevice(DeviceConfig.named("thermal0"));
        sensor = rt.createVirtualDevice(VirtualDeviceConfig.of("sensor", new InterruptSource.Periodic(p.positiveNanos("change-period")),
                (hw, i) -> {
                    hw.write(hw.register("TEMP"), 20 + (i * 7) % 50);
                    hw.write(VirtualDevice.STATUS, 1);
                }).untilNanos(remove == null ? rt.config().durationNanos() : remove[1]).registers("TEMP"));
        tempRegister = sensor.register("TEMP");
        device.assignHardware(sensor);
        lock = rt.createWaitLock(device, "pending-lock");
        device.createInterrupt(InterruptConfig.of("sensor-int", sensor, in -> {
            if (sensor.read(VirtualDevice.STATUS) == 0) {
                return false;
            }
            sensor.write(VirtualDevice.STATUS, 0);
            in.queueWorkItemForIsr();
            return true;
        }).workItem(this::scan)
                // EvtInterruptEnable/Disable: the sensor's interrupt generation on and off at the device, as a driver must:
                // FxInterrupt::Disconnect flushes the work item before IoDisconnectInterrupt, so an interrupt the device
                // raised in between would queue the work item again, to run after ReleaseHardware
                .onEnable((in, d) -> sensorInterrupts(1)).onDisable((in, d) -> sensorInterrupts(0)));
        pending = device.createQueue(QueueConfig.manual("pending").powerManaged(false));
        device.createQueue(QueueConfig.parallel("thermal-queue").defaultQueue().executionLevel(ExecutionLevel.PASSIVE)
                .onDeviceControl((q, r, out, in, code) -> readTemperature(r)));
        device.schedulePnp(IoScenarioSupport.arrivals(p));
        sensor.start();
        source = IoScenarioSupport.source(rt, device, p, new RequestMix(0, 0, 1, new int[] {IOCTL_THERMAL_READ_TEMPERATURE}));
        source.start();
        rt.awaitQuiescent();
    }

    private long sensorInterrupts(long on) {
        sensor.write(VirtualDevice.INTERRUPT_ENABLE, on);
        return NtStatus.SUCCESS.code();
    }

    /** The caller's threshold: the request's output length stands for it (20..69 degrees). */
    private static long wanted(WdfRequest r) {
        return 20 + r.length() % 50;
    }

    /** EvtIoDeviceControl of IOCTL_THERMAL_READ_TEMPERATURE. */
    private void readTemperature(WdfRequest r) {
        lock.acquire();
        long temp = sensor.read(tempRegister);
        if (temp >= wanted(r)) {
            lock.release();
            r.complete(NtStatus.SUCCESS.code(), 0);
            return;
        }
        WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> expired(r)), ObjectAttributes.parent(device)
                .executionLevel(ExecutionLevel.PASSIVE).name("timeout-" + r.id()));
        r.reference(); // the timer keeps the handle
        if (r.forwardToQueue(pending) == NtStatus.SUCCESS.code()) {
            timers.put(r, t);
            t.start(timeout);
        } else {
            r.dereference();
            t.delete();
            r.complete(NtStatus.DEVICE_BUSY.code());
        }
        lock.release();
    }

    /** The sensor's interrupt work item: complete every pending request the temperature satisfies. */
    private void scan(WorkItem<Void> item) {
        lock.acquire();
        long temp = sensor.read(tempRegister);
        Retrieved found = pending.findRequest(null);
        while (found.ok()) {
            WdfRequest r = found.request();
            Retrieved next = pending.findRequest(r);
            if (temp >= wanted(r)) {
                Retrieved got = pending.retrieveFoundRequest(r);
                if (got.ok()) {
                    got.request().complete(NtStatus.SUCCESS.code(), 0);
                    WdfTimer t = timers.remove(r);
                    if (t != null && t.stop(false)) {
                        r.dereference(); // its timer will not run: drop its reference too
                    }
                }
            }
            r.dereference();
            found = next;
        }
        lock.release();
    }

    /** A pending request's timeout. */
    private void expired(WdfRequest r) {
        lock.acquire();
        Retrieved got = pending.retrieveFoundRequest(r);
        if (got.ok()) {
            timers.remove(r);
            got.request().complete(NtStatus.IO_TIMEOUT.code());
            r.dereference();
        } else {
            timers.remove(r); // completed by the scan or cancelled meanwhile
            r.dereference();
        }
        lock.release();
    }

    @Override
    public String checkInvariant() {
        return IoScenarioSupport.allCompleted(source, requesters, requests);
    }
}
