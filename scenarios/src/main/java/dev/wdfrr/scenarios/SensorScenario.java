package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.hw.HardwareFifo;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
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

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A passive-level accelerometer: its ISR runs at PASSIVE, reads the sample FIFO under a wait
 * lock and queues the interrupt's work item, counting the coalesced case; the work item takes
 * the buffered samples under the same wait lock (with a timeout, retried) and processes them.
 */
public final class SensorScenario implements Scenario {
    private final ConcurrentHashMap<Long, Integer> processed = new ConcurrentHashMap<>();
    /** Samples read by the ISR, waiting for the work item; guarded by {@link #sampleLock}. */
    private final ArrayDeque<Long> buffered = new ArrayDeque<>();
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private WdfRuntime rt;
    private VirtualDevice sensor;
    private HardwareFifo samples;
    private WaitLock sampleLock;
    private long processNanos;
    private long lockTimeout;
    private long isrCost;

    @Override
    public String id() {
        return "sensor";
    }

    @Override
    public String description() {
        return "passive-level accelerometer: ISR at PASSIVE under a wait lock queues an interrupt work item (coalescing); checks every sample is processed once";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("isr-cost", "5us", "modelled time each passive-level ISR takes (it may block)"),
                new ScenarioParameter("period", "100us", "time between samples"),
                new ScenarioParameter("samples", "0", "stop after this many samples (0: run for the duration)"),
                new ScenarioParameter("process", "30us", "modelled work per sample"),
                new ScenarioParameter("lock-timeout", "20us", "wait-lock timeout in the work item before it retries"));
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        this.rt = runtime;
        this.processNanos = p.nanos("process");
        this.lockTimeout = p.nanos("lock-timeout");
        this.isrCost = p.nanos("isr-cost");
        long count = p.count("samples");
        WdfDevice device = rt.createDevice(DeviceConfig.named("accel0"));
        sampleLock = rt.createWaitLock(device, "sample-lock");
        sensor = rt.createVirtualDevice(VirtualDeviceConfig
                .of("accel", new InterruptSource.Periodic(p.nanos("period")), this::sampleReady)
                .untilNanos(rt.config().durationNanos())
                .maxArrivals(count == 0 ? -1 : count)
                .fifos("samples"));
        samples = sensor.fifo("samples");
        device.createInterrupt(InterruptConfig.of("accel-int", sensor, this::isr).passive(this::processSamples));
        sensor.start();
        rt.awaitQuiescent();
        rt.removeDevice(device);
    }

    private void sampleReady(VirtualDevice hw, long sample) {
        samples.push(sample);
        hw.write(VirtualDevice.STATUS, 1);
    }

    /** Runs at PASSIVE holding the interrupt's wait lock. */
    private boolean isr(WdfInterrupt interrupt) {
        if (sensor.read(VirtualDevice.STATUS) == 0) {
            return false;
        }
        sensor.write(VirtualDevice.STATUS, 0);
        rt.work(isrCost);
        sampleLock.acquire();
        for (long s = samples.pop(); s >= 0; s = samples.pop()) {
            buffered.add(s);
        }
        sampleLock.release();
        claimed.incrementAndGet();
        if (interrupt.queueWorkItemForIsr()) {
            queued.incrementAndGet();
        } else {
            coalesced.incrementAndGet(); // the work item has not started yet: it will take these too
        }
        return true;
    }

    private void processSamples(WorkItem<Void> item) {
        for (;;) {
            while (!sampleLock.acquire(lockTimeout)) {
                timeouts.incrementAndGet();
            }
            Long sample = buffered.poll();
            sampleLock.release();
            if (sample == null) {
                return;
            }
            rt.work(processNanos);
            processed.merge(sample, 1, Integer::sum);
        }
    }

    @Override
    public String checkInvariant() {
        for (var e : processed.entrySet()) {
            if (e.getValue() != 1) {
                return "sample " + e.getKey() + " was processed " + e.getValue() + " times";
            }
        }
        if (processed.size() != sensor.arrivals()) {
            return sensor.arrivals() + " samples arrived but " + processed.size() + " were processed";
        }
        if (queued.get() + coalesced.get() != claimed.get()) {
            return claimed.get() + " interrupts claimed but " + queued.get() + " queued + " + coalesced.get() + " coalesced";
        }
        return null;
    }
}
