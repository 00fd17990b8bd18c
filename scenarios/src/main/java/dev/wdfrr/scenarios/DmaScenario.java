package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.hw.HardwareFifo;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PLX9x5x-style DMA engine with two channels. The ISR reads and clears the interrupt status
 * register and records the channels' status in the device context; the DPC completes transfers
 * under the interrupt lock and enqueues a work item that completes the requests at PASSIVE.
 */
public final class DmaScenario implements Scenario {
    private static final int CHANNELS = 2;
    private final ConcurrentHashMap<Long, Integer> completed = new ConcurrentHashMap<>();
    /** Device context: channel status bits saved by the ISR; guarded by the interrupt lock. */
    private long savedStatus;
    /** Transfers done by the DPC, waiting for request completion; guarded by {@link #doneLock}. */
    private final ArrayDeque<Long> done = new ArrayDeque<>();
    private WdfRuntime rt;
    private VirtualDevice dma;
    private final HardwareFifo[] channels = new HardwareFifo[CHANNELS];
    private SpinLock doneLock;
    private WorkItem<Void> completeWork;
    private long completeNanos;
    private long isrCost;
    private long dpcCost;

    @Override
    public String id() {
        return "dma";
    }

    @Override
    public String description() {
        return "PLX-style DMA: ISR reads and clears status, DPC completes transfers under the interrupt lock, a work item completes requests; checks every transfer completes exactly once";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("isr-cost", "500ns", "modelled time each ISR takes"),
                new ScenarioParameter("dpc-cost", "2us", "modelled time each DPC (or passive ISR) takes"),
                new ScenarioParameter("rate", "10000", "mean DMA completions per second (Poisson)"),
                new ScenarioParameter("transfers", "0", "stop after this many transfers (0: run for the duration)"),
                new ScenarioParameter("complete", "3us", "modelled work per request completion"));
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        this.rt = runtime;
        this.completeNanos = p.nanos("complete");
        this.isrCost = p.nanos("isr-cost");
        this.dpcCost = p.nanos("dpc-cost");
        long transfers = p.count("transfers");
        WdfDevice device = rt.createDevice(DeviceConfig.named("plx0"));
        doneLock = rt.createSpinLock(device, "done-lock");
        completeWork = rt.createWorkItem(WorkItemConfig.init(item -> completeRequests()),
                ObjectAttributes.parent(device).name("complete-requests"));
        dma = rt.createVirtualDevice(VirtualDeviceConfig
                .of("plx", new InterruptSource.Poisson(p.doubleValue("rate"), rt.config().seed() + 17), this::transferDone)
                .untilNanos(rt.config().durationNanos())
                .maxArrivals(transfers == 0 ? -1 : transfers)
                .fifos("channel0", "channel1"));
        for (int c = 0; c < CHANNELS; c++) {
            channels[c] = dma.fifo("channel" + c);
        }
        device.createInterrupt(InterruptConfig.of("plx-int", dma, this::isr).dpc(this::dpc));
        dma.start();
        rt.awaitQuiescent();
        rt.removeDevice(device);
    }

    private void transferDone(VirtualDevice hw, long transfer) {
        int channel = (int) (transfer % CHANNELS);
        channels[channel].push(transfer);
        hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) | 1L << channel);
    }

    private boolean isr(WdfInterrupt interrupt) {
        long status = dma.read(VirtualDevice.STATUS);
        if (status == 0) {
            return false;
        }
        dma.write(VirtualDevice.STATUS, 0); // read-and-clear, as the PLX interrupt status register does
        savedStatus |= status;                // the ISR holds the interrupt lock
        rt.work(isrCost);
        interrupt.queueDpcForIsr();
        return true;
    }

    private void dpc(WdfInterrupt interrupt) {
        // At DIRQL under the interrupt lock no spin lock may be taken: collect, then hand over.
        List<Long> finished = new ArrayList<>();
        rt.work(dpcCost);
        interrupt.acquireLock();
        long status = savedStatus;
        savedStatus = 0;
        for (int c = 0; c < CHANNELS; c++) {
            if ((status & 1L << c) != 0) {
                for (long t = channels[c].pop(); t >= 0; t = channels[c].pop()) {
                    finished.add(t);
                }
            }
        }
        interrupt.releaseLock();
        if (!finished.isEmpty()) {
            doneLock.acquire();
            done.addAll(finished);
            doneLock.release();
            completeWork.enqueue();
        }
    }

    private void completeRequests() {
        for (;;) {
            doneLock.acquire();
            Long transfer = done.poll();
            doneLock.release();
            if (transfer == null) {
                return;
            }
            rt.work(completeNanos);
            completed.merge(transfer, 1, Integer::sum);
        }
    }

    @Override
    public String checkInvariant() {
        for (var e : completed.entrySet()) {
            if (e.getValue() != 1) {
                return "transfer " + e.getKey() + " was completed " + e.getValue() + " times";
            }
        }
        if (completed.size() != dma.arrivals()) {
            return dma.arrivals() + " transfers finished in hardware but " + completed.size() + " were completed";
        }
        return null;
    }
}
