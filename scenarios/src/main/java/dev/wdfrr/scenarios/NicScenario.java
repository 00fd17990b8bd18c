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
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PCI NIC: packets arrive in a receive ring. The ISR disables the NIC's interrupts and queues
 * the DPC; the DPC drains the ring under a spin lock, re-enables interrupts under the interrupt
 * lock and enqueues one reusable work item that processes the packets at PASSIVE.
 */
public final class NicScenario implements Scenario {
    private final ConcurrentHashMap<Long, Integer> processed = new ConcurrentHashMap<>();
    /** Packets taken off the ring, waiting for the work item; guarded by {@link #rxLock}. */
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private WdfRuntime rt;
    private VirtualDevice nic;
    private HardwareFifo ring;
    private SpinLock rxLock;
    private WorkItem<Void> rxWork;
    private long processNanos;
    private long isrCost;
    private long dpcCost;

    @Override
    public String id() {
        return "nic";
    }

    @Override
    public String description() {
        return "PCI NIC: ISR masks and queues a DPC, DPC drains the ring under a spin lock and enqueues one reusable work item; checks every packet is processed exactly once";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("isr-cost", "500ns", "modelled time each ISR takes"),
                new ScenarioParameter("dpc-cost", "2us", "modelled time each DPC (or passive ISR) takes"),
                new ScenarioParameter("rate", "20000", "mean packet arrivals per second (Poisson)"),
                new ScenarioParameter("packets", "0", "stop after this many packets (0: run for the duration)"),
                new ScenarioParameter("process", "2us", "modelled work per packet in the work item"));
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        this.rt = runtime;
        this.processNanos = p.nanos("process");
        this.isrCost = p.nanos("isr-cost");
        this.dpcCost = p.nanos("dpc-cost");
        long packets = p.count("packets");
        WdfDevice device = rt.createDevice(DeviceConfig.named("nic0"));
        rxLock = rt.createSpinLock(device, "rx-lock");
        rxWork = rt.createWorkItem(WorkItemConfig.init(item -> processPackets()),
                ObjectAttributes.parent(device).name("rx-work"));
        nic = rt.createVirtualDevice(VirtualDeviceConfig
                .of("nic", new InterruptSource.Poisson(p.doubleValue("rate"), rt.config().seed()), this::packetArrives)
                .untilNanos(rt.config().durationNanos())
                .maxArrivals(packets == 0 ? -1 : packets)
                .fifos("rx"));
        ring = nic.fifo("rx");
        device.createInterrupt(InterruptConfig.of("nic-int", nic, this::isr).dpc(this::dpc));
        nic.start();
        rt.awaitQuiescent();
        rt.removeDevice(device); // unload: deletes the work item, the interrupt and the lock with it
    }

    private void packetArrives(VirtualDevice hw, long packet) {
        ring.push(packet);
        hw.write(VirtualDevice.STATUS, 1);
    }

    private boolean isr(WdfInterrupt interrupt) {
        if (nic.read(VirtualDevice.STATUS) == 0) {
            return false;
        }
        nic.write(VirtualDevice.INTERRUPT_ENABLE, 0);
        nic.write(VirtualDevice.STATUS, 0);
        rt.work(isrCost);
        interrupt.queueDpcForIsr();
        return true;
    }

    private void dpc(WdfInterrupt interrupt) {
        rt.work(dpcCost);
        rxLock.acquire();
        for (long packet = ring.pop(); packet >= 0; packet = ring.pop()) {
            pending.add(packet);
        }
        rxLock.release();
        interrupt.acquireLock();
        nic.write(VirtualDevice.INTERRUPT_ENABLE, 1); // raises again at once if packets came meanwhile
        interrupt.releaseLock();
        rxWork.enqueue();
    }

    /** Drains everything pending: a coalesced enqueue means several DPCs' packets arrive in one run. */
    private void processPackets() {
        for (;;) {
            rxLock.acquire();
            Long packet = pending.poll();
            rxLock.release();
            if (packet == null) {
                return;
            }
            rt.work(processNanos);
            processed.merge(packet, 1, Integer::sum);
        }
    }

    @Override
    public String checkInvariant() {
        long received = nic.arrivals();
        for (var e : processed.entrySet()) {
            if (e.getValue() != 1) {
                return "packet " + e.getKey() + " was processed " + e.getValue() + " times";
            }
        }
        if (processed.size() != received) {
            return "received " + received + " packets but processed " + processed.size();
        }
        return null;
    }
}
