package dev.wdfrr.tracer;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live engine under load, traced: two workers, many enqueues from main, an interrupt storm at
 * the device's top rate whose DPCs enqueue too and create (and their callbacks delete) a work
 * item per use. The trace must account exactly and the run must end. CI runs 100k enqueues and
 * 20k arrivals; {@code -Dwdfrr.stress.enqueues=1000000} runs the full size (arrivals scale with
 * it).
 *
 * <p>The storm is a fixed number of arrivals that quiescence waits for, not one that main stops
 * when its enqueues are done: under heavy load the device thread can start after main's last
 * enqueue, and a stopped storm then delivered nothing (no interrupt, no DPC, no per-use item;
 * "workItems 3 > 3"). A top-rate storm also starves its own DPC (the CPU stays in the ISR), so
 * how many DPCs run depends on the machine; what does not is that per-use items are exactly one
 * for every fourth DPC run, and that the first interrupt's DPC runs.
 */
@Timeout(600)
class StressTest {
    @TempDir
    Path tmp;

    static final class Storm implements Scenario {
        private final long enqueues;
        private final long arrivals;

        Storm(long enqueues, long arrivals) {
            this.enqueues = enqueues;
            this.arrivals = arrivals;
        }

        @Override
        public String id() {
            return "stress";
        }

        @Override
        public String description() {
            return "enqueue storm with interrupts and per-use work items";
        }

        @Override
        public void run(WdfRuntime rt, Parameters p) {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("storm0"));
            WorkItem<Void> a = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("a"));
            WorkItem<Void> b = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("b"));
            WorkItem<Void> fromDpc = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("dpc"));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("storm", new InterruptSource.Periodic(1),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(arrivals));
            AtomicLong dpcs = new AtomicLong(); // the DPC may run on either CPU
            dev.createInterrupt(InterruptConfig.of("storm-int", hw, in -> {
                if (hw.read(VirtualDevice.STATUS) == 0) {
                    return false;
                }
                hw.write(VirtualDevice.STATUS, 0);
                in.queueDpcForIsr();
                return true;
            }).dpc(in -> {
                fromDpc.enqueue();
                if (dpcs.getAndIncrement() % 4 == 0) { // create per use, delete in the callback
                    rt.createWorkItem(WorkItemConfig.init(WorkItem::delete, false), ObjectAttributes.parent(dev)).enqueue();
                }
            }));
            hw.start();
            for (long i = 0; i < enqueues; i++) {
                (i % 2 == 0 ? a : b).enqueue();
            }
            rt.awaitQuiescent(); // every arrival delivered, every DPC and callback run
            rt.removeDevice(dev);
        }

        @Override
        public String checkInvariant() {
            return null;
        }
    }

    @Test
    void twoWorkersEnqueueStormInterruptStormAndChurnAccountExactly() {
        long enqueues = Long.getLong("wdfrr.stress.enqueues", 100_000);
        long arrivals = enqueues / 5;
        Path dir = tmp.resolve("stress");
        Storm storm = new Storm(enqueues, arrivals);
        RunResult r = WdfRunner.run(storm, Parameters.of(storm, Map.of()), RunConfig.builder().engine(EngineKind.LIVE)
                .workers(2).cpus(2).durationNanos(600_000_000_000L).sink(TraceWriter.create(dir, false)).build());
        assertThat(r.passed()).as(r.summary()).isTrue();

        Map<Integer, long[]> items = new HashMap<>(); // created, queued, starts, ends, deletes, destroys
        long interrupts = 0;
        long arrived = 0;
        long dpcRuns = 0;
        try (TraceReader reader = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            long expected = 0;
            while (reader.next(c)) {
                assertThat(c.seq()).isEqualTo(expected++);
                EventType t = c.type();
                if (t == EventType.INTERRUPT) {
                    interrupts++;
                } else if (t == EventType.ARRIVAL) {
                    arrived++;
                } else if (t == EventType.DPC_START) {
                    dpcRuns++;
                }
                int slot = switch (t) {
                    case WORKITEM_CREATE -> 0;
                    case ENQUEUE -> c.arg() == 1 ? 1 : -1;
                    case CALLBACK_START -> 2;
                    case CALLBACK_END -> 3;
                    case DELETE -> 4;
                    case DESTROY -> 5;
                    default -> -1;
                };
                if (slot >= 0) {
                    items.computeIfAbsent(c.object(), k -> new long[6])[slot]++;
                }
            }
            assertThat(reader.truncated()).isFalse();
        }
        long workItems = 0;
        for (long[] n : items.values()) {
            if (n[0] == 1) { // a work item
                workItems++;
                assertThat(n[2]).isEqualTo(n[1]); // every queued enqueue started once
                assertThat(n[3]).isEqualTo(n[1]); // and ended once; coalesced ones never
                assertThat(n[5]).as("every work item destroyed").isEqualTo(1);
            }
        }
        assertThat(arrived).as("the whole storm arrived").isEqualTo(arrivals);
        assertThat(interrupts).as("the first arrival raises the line").isPositive();
        assertThat(dpcRuns).as("its DPC ran").isPositive();
        assertThat(workItems).as("a, b, dpc and one per-use item per fourth DPC run (" + dpcRuns + " runs)")
                .isEqualTo(3 + (dpcRuns + 3) / 4);
    }
}
